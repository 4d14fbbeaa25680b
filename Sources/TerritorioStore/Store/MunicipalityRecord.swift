import Foundation
import GRDB
import TerritorioCore
import TerritorioStoreAPI

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
