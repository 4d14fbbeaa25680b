import GRDB
import TerritorioCore

extension Store {
    public func summary() throws -> StoreSummary {
        try read { db in
            func extent(_ filter: String) throws -> BoundingBox? {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT Min(MbrMinX(geom)), Min(MbrMinY(geom)), Max(MbrMaxX(geom)), Max(MbrMaxY(geom))
                        FROM municipality WHERE \(filter)
                        """)
                guard let row, let minX: Double = row[0] else { return nil }
                return BoundingBox(minX: minX, minY: row[1], maxX: row[2], maxY: row[3])
            }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), total(boundary_approximate), count(boundary_repair), count(population), total(population)
                    FROM municipality
                    """)!
            let members = try Row.fetchAll(
                db, sql: "SELECT code, name, population FROM municipality WHERE in_consortium = 1 ORDER BY name")
            let imports = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, source, imported_at, added, updated, unchanged, note FROM import_log ORDER BY id DESC LIMIT 5
                    """
            ).map {
                StoreSummary.Import(
                    kind: $0[0], source: $0[1], at: $0[2], added: $0[3], updated: $0[4], unchanged: $0[5], note: $0[6])
            }
            return StoreSummary(
                database: path,
                schema: try Schema.migrator.appliedMigrations(db),
                municipalities: counts[0],
                approximateBoundaries: Int(counts[1] as Double),
                repairedBoundaries: counts[2],
                withPopulation: counts[3],
                populationYears: try Int.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT population_year FROM municipality WHERE population_year IS NOT NULL ORDER BY 1"
                ),
                totalPopulation: Int(counts[4] as Double),
                provinces: try String.fetchAll(
                    db, sql: "SELECT DISTINCT coalesce(province, substr(code, 1, 3)) FROM municipality ORDER BY 1"),
                extent: try extent("1"),
                consortium: .init(
                    members: members.count,
                    population: members.reduce(0) { $0 + (($1[2] as Int?) ?? 0) },
                    membersWithoutPopulation: members.filter { ($0[2] as Int?) == nil }.map { $0[0] },
                    names: members.map { $0[1] },
                    extent: try extent("in_consortium = 1")),
                categories: try Int.fetchOne(db, sql: "SELECT count(*) FROM category") ?? 0,
                services: try Int.fetchOne(db, sql: "SELECT count(*) FROM service") ?? 0,
                servicesUnverified: try Int.fetchOne(db, sql: "SELECT count(*) FROM service WHERE verified = 0") ?? 0,
                servicesApproximate: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM service WHERE location_approximate = 1") ?? 0,
                userSubmissions: try Int.fetchOne(db, sql: "SELECT count(*) FROM submission WHERE form = 'user'") ?? 0,
                operatorSubmissions: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM submission WHERE form = 'operator'") ?? 0,
                quarantinedRows: try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0,
                batches: try Int.fetchOne(db, sql: "SELECT count(*) FROM batch") ?? 0,
                recentImports: imports)
        }
    }
}

extension Store {
    /// The boundaries of the consortium's members, by ISTAT code.
    public func consortiumShapes() throws -> [String: MultiPolygon] {
        try read { db in
            var out: [String: MultiPolygon] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT code, AsBinary(geom) FROM municipality WHERE in_consortium = 1")
            {
                out[row[0]] = try WKB.decodeMultiPolygon(row[1])
            }
            return out
        }
    }

    /// Code → name and province of every municipality.
    public func municipalityNames() throws -> [String: (name: String, province: String?)] {
        try read { db in
            var out: [String: (name: String, province: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name, province FROM municipality") {
                out[row[0]] = (row[1], row[2])
            }
            return out
        }
    }
}
