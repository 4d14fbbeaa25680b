/// The result of a store's `doctor()` (SpatiaLite's or PostGIS's): one line per check, and a verdict.
public struct HealthReport: Sendable, Codable {
    /// How a check came out.
    public enum Status: String, Sendable, Codable, Comparable {
        case ok, warning, problem

        public static func < (a: Status, b: Status) -> Bool {
            let order: [Status] = [.ok, .warning, .problem]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// One check: what was looked at, what was found, and what to do about it.
    public struct Check: Sendable, Codable {
        public var name: String
        public var status: Status
        public var detail: String
        /// What to do, when the status is not ok.
        public var advice: String?

        public init(name: String, status: Status, detail: String, advice: String?) {
            self.name = name
            self.status = status
            self.detail = detail
            self.advice = advice
        }
    }

    public var database: String
    public var checks: [Check]

    public init(database: String, checks: [Check]) {
        self.database = database
        self.checks = checks
    }

    /// The worst status of all checks.
    public var verdict: Status { checks.map(\.status).max() ?? .ok }
}
