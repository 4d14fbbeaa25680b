/// One row of the `municipality` table, as the exports and maps use it.
public struct MunicipalityRecord: Sendable, Hashable {
    /// The 6-digit ISTAT code.
    public var code: String
    public var name: String
    /// The province's abbreviation (e.g. `AL`), when the boundary file gave one.
    public var province: String?
    public var population: Int?
    public var populationYear: Int?
    public var inConsortium: Bool
    /// Whether the boundary is a stand-in (databases made by earlier versions' demo).
    public var boundaryApproximate: Bool
    /// Area on the ellipsoid, in km².
    public var areaKm2: Double?
    /// A point inside the municipality: distances are measured from it, labels go there.
    public var representativePoint: Coordinate
    /// The boundary (nil when not asked for).
    public var shape: MultiPolygon?

    /// Every stored property, as given (backends in other modules build this value too).
    public init(
        code: String, name: String, province: String? = nil, population: Int? = nil,
        populationYear: Int? = nil, inConsortium: Bool, boundaryApproximate: Bool, areaKm2: Double? = nil,
        representativePoint: Coordinate, shape: MultiPolygon? = nil
    ) {
        self.code = code
        self.name = name
        self.province = province
        self.population = population
        self.populationYear = populationYear
        self.inConsortium = inConsortium
        self.boundaryApproximate = boundaryApproximate
        self.areaKm2 = areaKm2
        self.representativePoint = representativePoint
        self.shape = shape
    }
}
