import Foundation

/// One check of a service's entry by a person of the working group (table
/// `service_verification`): how it was checked, what was found, when and by whom.
public struct ServiceVerification: Sendable, Hashable {
    /// How the entry was checked.
    public enum Method: String, Sendable, CaseIterable {
        case phone, visit, email, website
    }

    /// What the check found.
    public enum Outcome: String, Sendable, CaseIterable {
        case confirmed, changed, closed
    }

    public var serviceID: String
    /// The account's name; nil when the account no longer exists.
    public var account: String?
    public var at: Date
    public var method: Method
    public var outcome: Outcome
    public var note: String?

    public init(
        serviceID: String, account: String?, at: Date, method: Method, outcome: Outcome, note: String?
    ) {
        self.serviceID = serviceID
        self.account = account
        self.at = at
        self.method = method
        self.outcome = outcome
        self.note = note
    }

    /// Whether a service last verified at `last` (nil: never) is due for review at `now`: not
    /// verified in the last `months` calendar months.
    public static func isStale(last: Date?, months: Int, now: Date = Date()) -> Bool {
        guard let last else { return true }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let cutoff = calendar.date(byAdding: .month, value: -months, to: now) else { return true }
        return last < cutoff
    }

    /// `at` as the store and the pages write it (ISO 8601, UTC, seconds).
    public var timestamp: String { ISO8601DateFormatter().string(from: at) }
}
