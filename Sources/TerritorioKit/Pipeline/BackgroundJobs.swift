import Foundation

/// Work handed to other threads while the caller goes on (the demo's PNG maps and PDF summary,
/// rendered by other programs): each job runs on a thread of its own; ``wait()`` waits for them
/// all and rethrows the first failure.
final class BackgroundJobs: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failures: [any Error] = []

    /// Starts `work` on another thread.
    func start(_ work: @escaping @Sendable () throws -> Void) {
        DispatchQueue.global().async(group: group) {
            do { try work() } catch { self.record(error) }
        }
    }

    /// Waits for every job; throws the first failure, if any.
    func wait() throws {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        if let first = failures.first { throw first }
    }

    /// Waits for every job, whatever happened (the caller is already failing).
    func waitIgnoringFailures() { group.wait() }

    private func record(_ error: any Error) {
        lock.lock()
        failures.append(error)
        lock.unlock()
    }
}
