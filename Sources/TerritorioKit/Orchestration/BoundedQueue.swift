import Foundation

/// A first-in first-out hand-over between two threads that holds at most `capacity` elements:
/// `put` waits while it is full, `take` while it is empty. Closed by the producer at its end,
/// cancelled by the consumer when it gives up (a waiting or later `put` then returns false).
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Adds `element`, waiting for room; false when the consumer cancelled (nothing added).
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one; nil once the queue is closed (or cancelled) and empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed && !cancelled { condition.wait() }
        guard !items.isEmpty else { return nil }
        let first = items.removeFirst()
        condition.broadcast()
        return first
    }

    /// No more elements will be put.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: waiting and later `put`s return false, waiting elements are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
