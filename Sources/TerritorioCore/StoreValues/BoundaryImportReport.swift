/// What an import of boundaries changed.
public struct BoundaryImportReport: Sendable {
    public var added: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    /// Municipalities whose geometry GEOS found invalid and repaired: code, name, reason.
    public var repaired: [(code: String, name: String, reason: String)] = []
    /// Municipalities in the database whose boundaries are still approximate after the import.
    public var stillApproximate: [String] = []

    /// An empty report, filled in by an import.
    public init() {}
}
