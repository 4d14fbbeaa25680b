import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension PostGISStore {
    /// Inserts or updates (by ISTAT code) every boundary of `file`, in one transaction; a boundary
    /// identical to the stored one (name, province, approximate flag and geometry) is left alone.
    public func importBoundaries(_ file: BoundaryFile, source: String, approximate: Bool) async throws
        -> BoundaryImportReport
    {
        try await write { db in
            var stored: [String: (name: String, province: String?, approximate: Bool, shape: MultiPolygon)] = [:]
            for row in try await db.rows(
                """
                SELECT code, name, province, boundary_approximate, ST_AsBinary(geom) FROM municipality
                """)
            {
                stored[try row[0].decode(String.self)] = (
                    try row[1].decode(String.self), try row[2].decode(String?.self), try row[3].decode(Bool.self),
                    try WKB.decodeMultiPolygon(try row[4].decode(Data.self))
                )
            }
            var report = BoundaryImportReport()
            for b in file.boundaries {
                if let repair = b.repair { report.repaired.append((b.code, b.name, repair)) }
                if let old = stored[b.code] {
                    if old.name == b.name, old.province == b.province, old.shape == b.shape,
                        old.approximate == approximate
                    {
                        report.unchanged.append(b.code)
                        continue
                    }
                    report.updated.append(b.code)
                } else {
                    report.added.append(b.code)
                }
                try await Self.upsert(b, approximate: approximate, source: source, on: db)
            }
            report.stillApproximate = try await db.column(
                "SELECT code FROM municipality WHERE boundary_approximate ORDER BY code")
            try await db.logImport(
                kind: approximate ? "approximate boundaries" : "boundaries", source: source,
                added: report.added.count, updated: report.updated.count,
                unchanged: report.unchanged.count,
                note: report.repaired.isEmpty ? nil : "\(report.repaired.count) geometries repaired")
            return report
        }
    }

    static func upsert(
        _ b: MunicipalityBoundary, approximate: Bool, source: String,
        on db: PostgresConnection
    ) async throws {
        let wkb = WKB.encode(b.shape)
        let point = b.representativePoint
        try await db.run(
            """
            INSERT INTO municipality (code, name, province, boundary_approximate, boundary_source, boundary_repair,
                                      geom, rep_point, area_km2)
            VALUES (\(b.code), \(b.name), \(b.province), \(approximate), \(source), \(b.repair),
                    ST_Multi(ST_GeomFromWKB(\(wkb), 4326)), ST_SetSRID(ST_MakePoint(\(point.x), \(point.y)), 4326),
                    ST_Area(ST_GeomFromWKB(\(wkb), 4326)::geography) / 1e6)
            ON CONFLICT (code) DO UPDATE SET
                name = excluded.name, province = excluded.province,
                boundary_approximate = excluded.boundary_approximate, boundary_source = excluded.boundary_source,
                boundary_repair = excluded.boundary_repair, geom = excluded.geom, rep_point = excluded.rep_point,
                area_km2 = excluded.area_km2, updated_at = \(unescaped: PostGISSchema.now)
            """)
    }

    /// Sets population and reference year for every municipality of `file` found in the
    /// database, in one transaction; reports the codes that match nothing.
    public func importPopulation(_ file: PopulationFile, source: String) async throws -> PopulationImportReport {
        try await write { db in
            var known: [String: (population: Int?, year: Int?)] = [:]
            for row in try await db.rows("SELECT code, population, population_year FROM municipality") {
                known[try row[0].decode(String.self)] = (try row[1].decode(Int?.self), try row[2].decode(Int?.self))
            }
            let plan = PopulationImportReport.plan(file, known: known)
            var report = plan.report
            for entry in plan.changed {
                try await db.run(
                    """
                    UPDATE municipality SET population = \(entry.population), population_year = \(file.year),
                        updated_at = \(unescaped: PostGISSchema.now) WHERE code = \(entry.code)
                    """)
            }
            let inFile = Set(file.entries.map(\.code))
            for row in try await db.rows("SELECT code, name FROM municipality ORDER BY code") {
                let code = try row[0].decode(String.self)
                if !inFile.contains(code) { report.withoutPopulation.append((code, try row[1].decode(String.self))) }
            }
            try await db.logImport(
                kind: "population \(file.year)", source: source, added: 0, updated: report.updated,
                unchanged: report.unchanged, note: report.note)
            return report
        }
    }
}
