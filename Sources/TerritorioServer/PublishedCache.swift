import Foundation
import Synchronization
import TerritorioKit

/// What the app publishes from the whole database (the gap report, the OGC gap layer), computed
/// once and shared by the map, its downloads and the OGC API instead of once per request (under
/// load every request recomputed the whole analysis).
///
/// It is dropped after every write the app makes (``WriteInvalidation``) and is at most
/// ``lifetime`` old, so that a change made elsewhere (an `ingest` from the command line) shows
/// within that time. Requests that arrive while it is computed wait for that one computation.
final class PublishedCache<Value: Sendable>: Sendable {
    private struct Entry {
        var task: Task<Value, any Error>
        var started: ContinuousClock.Instant
    }

    private let entry = Mutex<Entry?>(nil)
    /// How long a computed report is served at most.
    let lifetime: Duration

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The cached value, or the one `compute` makes now when there is none or it is too old; a
    /// failed computation is forgotten, so that the next request tries again.
    func value(_ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = entry.withLock { cached in
            if let current = cached, current.started.duration(to: .now) < lifetime { return current.task }
            let fresh = Task { try await compute() }
            cached = Entry(task: fresh, started: .now)
            return fresh
        }
        do {
            return try await task.value
        } catch {
            entry.withLock { if $0?.task == task { $0 = nil } }
            throw error
        }
    }

    /// Forgets the value: the next request computes it from the data as it is now.
    func invalidate() {
        entry.withLock { $0 = nil }
    }
}
