import Foundation

/// One change an import made to the service directory (table `service_history`).
public struct ServiceChange: Sendable, Hashable {
    public enum Kind: String, Sendable { case opened, closed, updated }

    public var serviceID: String
    public var kind: Kind
    /// The CSV columns that changed (``Service/columns``), for updates.
    public var fields: [String]
    public var before: Service?
    public var after: Service?
    /// `YYYY-MM-DD`: when the change takes effect.
    public var effectiveDate: String
    /// When it was recorded (ISO 8601, UTC).
    public var recordedAt: String
    public var source: String

    /// The service as it is on the side of the change that exists (after, else before).
    public var service: Service? { after ?? before }

    /// Whether opening hours or languages changed.
    public var hoursChanged: Bool { kind == .updated && fields.contains("opening_hours") }
    public var languagesChanged: Bool { kind == .updated && fields.contains("languages") }

    /// The day a change from `old` to `new` takes effect: the record's `last_updated` when the file
    /// gives a newer one than before, else the day of the import.
    public static func effectiveDate(old: Service?, new: Service?) -> String {
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        guard let date = new?.lastUpdated, date > (old?.lastUpdated ?? "") else { return today }
        return date
    }

    /// The history entries of an import that writes `changed` over `stored` (by id); the first
    /// import into an empty directory without history (`baseline`) is its starting point.
    public static func recorded(_ changed: [Service], stored: [String: Service], baseline: Bool, source: String)
        -> [ServiceChange]
    {
        changed.compactMap { s in
            between(
                stored[s.id], s,
                effective: baseline ? DirectoryHistory.baseline : effectiveDate(old: stored[s.id], new: s),
                source: source)
        }
    }

    /// The change from `before` to `after` (nil when they are equal or both missing).
    package static func between(_ before: Service?, _ after: Service?, effective: String, source: String)
        -> ServiceChange?
    {
        switch (before, after) {
        case (nil, let a?):
            return ServiceChange(
                serviceID: a.id, kind: .opened, fields: [], before: nil, after: a,
                effectiveDate: effective, recordedAt: "", source: source)
        case (let b?, nil):
            return ServiceChange(
                serviceID: b.id, kind: .closed, fields: [], before: b, after: nil,
                effectiveDate: effective, recordedAt: "", source: source)
        case (let b?, let a?) where b != a:
            let old = b.fields
            let new = a.fields
            let changed = Service.columns.filter { old[$0] != new[$0] }
            return ServiceChange(
                serviceID: a.id, kind: .updated, fields: changed, before: b, after: a,
                effectiveDate: effective, recordedAt: "", source: source)
        default:
            return nil
        }
    }

    package init(
        serviceID: String, kind: Kind, fields: [String], before: Service? = nil, after: Service? = nil,
        effectiveDate: String, recordedAt: String, source: String
    ) {
        self.serviceID = serviceID
        self.kind = kind
        self.fields = fields
        self.before = before
        self.after = after
        self.effectiveDate = effectiveDate
        self.recordedAt = recordedAt
        self.source = source
    }
}

extension Service {
    /// A service from the text fields of ``fields`` (as the history keeps it).
    package init?(fields f: [String: String]) {
        guard let id = f["id"], let name = f["name"], let lat = Double(f["lat"] ?? ""),
            let lon = Double(f["lon"] ?? "")
        else { return nil }
        func text(_ k: String) -> String? { (f[k] ?? "").isEmpty ? nil : f[k] }
        func list(_ k: String) -> [String] { (f[k] ?? "").split(separator: ";").map(String.init) }
        self.init(
            id: id, name: name, organization: text("organization"), categories: list("categories"),
            address: text("address"), postalCode: text("postal_code"), municipality: text("municipality"),
            location: Coordinate(lon: lon, lat: lat), locationApproximate: f["location_approximate"] == "true",
            phone: text("phone"), email: text("email"), website: text("website"),
            openingHours: text("opening_hours"), languages: list("languages"), eligibility: text("eligibility"),
            capacity: text("capacity").flatMap(Double.init), verified: f["verified"] == "true",
            lastUpdated: text("last_updated"), source: text("source"))
    }
}
