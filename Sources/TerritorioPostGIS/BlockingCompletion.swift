import Foundation

/// The end of an asynchronous call that a synchronous caller waits for on a thread of its own
/// (the ingest's ledger thread, never one of the threads Swift's tasks share).
final class BlockingCompletion: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    /// Records the outcome (nil: success) and wakes the waiting thread.
    func finish(_ error: (any Error)?) {
        self.error = error
        done.signal()
    }

    /// Waits for ``finish(_:)``; throws the error it was given.
    func wait() throws {
        done.wait()
        if let error { throw error }
    }

    /// Runs `work` as a task and waits for it on this thread.
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let completion = BlockingCompletion()
        Task {
            do {
                try await work()
                completion.finish(nil)
            } catch {
                completion.finish(error)
            }
        }
        try completion.wait()
    }
}
