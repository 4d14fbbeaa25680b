import Foundation
import PostgresNIO
import TerritorioCore

extension PostGISStore {
    /// The municipalities (all, or the consortium's), ordered by code.
    public func municipalities(consortiumOnly: Bool, withShapes: Bool) async throws -> [MunicipalityRecord] {
        try await read { db in
            try await db.rows(
                """
                SELECT code, name, province, population, population_year, in_consortium, boundary_approximate,
                       area_km2, ST_X(rep_point), ST_Y(rep_point),
                       \(unescaped: withShapes ? "ST_AsBinary(geom)" : "NULL")
                FROM municipality \(unescaped: consortiumOnly ? "WHERE in_consortium" : "") ORDER BY code
                """
            ).map { row in
                MunicipalityRecord(
                    code: try row[0].decode(String.self), name: try row[1].decode(String.self),
                    province: try row[2].decode(String?.self), population: try row[3].decode(Int?.self),
                    populationYear: try row[4].decode(Int?.self), inConsortium: try row[5].decode(Bool.self),
                    boundaryApproximate: try row[6].decode(Bool.self), areaKm2: try row[7].decode(Double?.self),
                    representativePoint: Coordinate(
                        lon: try row[8].decode(Double.self),
                        lat: try row[9].decode(Double.self)),
                    shape: try row[10].decode(Data?.self).map { try WKB.decodeMultiPolygon($0) })
            }
        }
    }

    /// The boundaries of the consortium's members, by ISTAT code.
    public func consortiumShapes() async throws -> [String: MultiPolygon] {
        try await read { db in
            var out: [String: MultiPolygon] = [:]
            for row in try await db.rows("SELECT code, ST_AsBinary(geom) FROM municipality WHERE in_consortium") {
                out[try row[0].decode(String.self)] = try WKB.decodeMultiPolygon(try row[1].decode(Data.self))
            }
            return out
        }
    }

    /// Everything the gap analysis reads, in one snapshot. No survey tables exist on PostGIS yet:
    /// the responses and caseloads are empty.
    public func gapInputs(costs: [String: [String: Double]]?) async throws -> GapInputs {
        try await read { db in
            let municipalities = try await db.rows(
                """
                SELECT code, name, coalesce(population, 0), population_year, ST_X(rep_point), ST_Y(rep_point),
                       boundary_approximate
                FROM municipality WHERE in_consortium ORDER BY code
                """
            ).map { row in
                GapInputs.Municipality(
                    code: try row[0].decode(String.self), name: try row[1].decode(String.self),
                    population: try row[2].decode(Int.self), populationYear: try row[3].decode(Int?.self),
                    point: Coordinate(lon: try row[4].decode(Double.self), lat: try row[5].decode(Double.self)),
                    boundaryApproximate: try row[6].decode(Bool.self))
            }
            let sources = try await db.column(
                """
                SELECT line FROM (SELECT kind || ': ' || source || ' (' || substr(imported_at, 1, 10) || ')' AS line,
                                         min(id) AS first
                                  FROM import_log GROUP BY 1) lines ORDER BY first
                """, as: String.self)
            return GapInputs(
                municipalities: municipalities, categories: try await Self.fetchCategories(db),
                services: try await Self.fetchServices(db), responses: [:], caseloads: [:],
                operatorCovered: [], costs: costs, latestSubmission: nil, sources: sources)
        }
    }
}
