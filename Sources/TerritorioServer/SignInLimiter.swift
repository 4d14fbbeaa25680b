import Foundation

/// Counts failed sign-ins per account name: after `attempts` failures within `window`, further
/// attempts for that name are refused until the oldest failure leaves the window.
actor SignInLimiter {
    let attempts: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(attempts: Int, window: TimeInterval) {
        self.attempts = attempts
        self.window = window
    }

    /// Whether `key` has used up its attempts at `now`.
    func isBlocked(_ key: String, now: Date = Date()) -> Bool {
        recent(key, now: now).count >= attempts
    }

    func recordFailure(_ key: String, now: Date = Date()) {
        if failures.count >= Self.pruneAbove { prune(now: now) }
        failures[key] = recent(key, now: now) + [now]
    }

    /// Past this many names, names without a failure in the window are forgotten (memory stays
    /// bounded when someone tries many names).
    static let pruneAbove = 10_000

    var trackedNames: Int { failures.count }

    private func prune(now: Date) {
        failures = failures.compactMapValues { dates in
            let kept = dates.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
    }

    func reset(_ key: String) { failures[key] = nil }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }
}
