import TerritorioCore

/// What the database knows that service records are checked against: the taxonomy and the
/// municipalities (through the same ``MunicipalityResolver`` as survey ingestion).
public struct DirectoryContext {
    public typealias Municipality = MunicipalityResolver.Municipality

    public var categories: Set<String>
    public let resolver: MunicipalityResolver

    public var municipalities: [String: Municipality] { resolver.municipalities }

    public init(categories: Set<String>, resolver: MunicipalityResolver) {
        self.categories = categories
        self.resolver = resolver
    }

    /// The municipality containing `point`, if any in the database.
    public func municipality(containing point: Coordinate) throws -> Municipality? {
        try resolver.municipality(containing: point)
    }
}
