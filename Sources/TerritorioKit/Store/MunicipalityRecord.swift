import Foundation
import GRDB

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

extension Store {
    /// The municipalities (all, or the consortium's), ordered by code.
    public func municipalities(consortiumOnly: Bool = false, withShapes: Bool = false) throws -> [MunicipalityRecord] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT code, name, province, population, population_year, in_consortium, boundary_approximate,
                           area_km2, X(rep_point), Y(rep_point), \(withShapes ? "AsBinary(geom)" : "NULL")
                    FROM municipality \(consortiumOnly ? "WHERE in_consortium = 1" : "") ORDER BY code
                    """)
            var records: [MunicipalityRecord] = []
            while let row = try rows.next() {
                records.append(
                    MunicipalityRecord(
                        code: row[0], name: row[1], province: row[2], population: row[3], populationYear: row[4],
                        inConsortium: row[5], boundaryApproximate: row[6], areaKm2: row[7],
                        representativePoint: Coordinate(lon: row[8], lat: row[9]),
                        shape: try (row[10] as Data?).map { try WKB.decodeMultiPolygon($0) }))
            }
            return records
        }
    }
}

extension Store: DirectoryStore, TerritoryStore, AnalysisStore, RoundStore {}
