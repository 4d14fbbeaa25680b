/// What an import of services changed.
public struct ServiceImportReport: Sendable {
    public var added: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []

    /// Files `id` as added, updated or unchanged (`old` is the stored version); returns whether
    /// it must be written.
    package mutating func file<T: Equatable>(_ id: String, old: T?, new: T) -> Bool {
        guard let old else {
            added.append(id)
            return true
        }
        if old == new {
            unchanged.append(id)
            return false
        }
        updated.append(id)
        return true
    }

    /// Every stored property, as given (backends in other modules build this value too).
    public init(added: [String] = [], updated: [String] = [], unchanged: [String] = []) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }

    /// What importing `services` over `stored` (by id) changes: the report, and the services to
    /// write (added or updated). Shared by the backends.
    public static func plan(_ services: [Service], stored: [String: Service])
        -> (report: ServiceImportReport, changed: [Service])
    {
        var report = ServiceImportReport()
        var changed: [Service] = []
        for s in services {
            if let old = stored[s.id] {
                if old == s {
                    report.unchanged.append(s.id)
                    continue
                }
                report.updated.append(s.id)
            } else {
                report.added.append(s.id)
            }
            changed.append(s)
        }
        return (report, changed)
    }
}
