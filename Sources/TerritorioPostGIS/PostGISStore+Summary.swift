import PostgresNIO
import TerritorioCore

extension PostGISStore {
    /// What the database holds, for `territorio info`.
    public func summary() async throws -> StoreSummary {
        try await read { db in
            let counts = try await db.rows(
                """
                SELECT count(*)::int, count(*) FILTER (WHERE boundary_approximate)::int, count(boundary_repair)::int,
                       count(population)::int, coalesce(sum(population), 0)::int
                FROM municipality
                """)[0]
            let members = try await db.rows(
                "SELECT code, name, population FROM municipality WHERE in_consortium ORDER BY name")
            let population = try members.map { try $0[2].decode(Int?.self) }
            return StoreSummary(
                database: location, schema: try await PostGISSchema.applied(db),
                municipalities: try counts[0].decode(Int.self), approximateBoundaries: try counts[1].decode(Int.self),
                repairedBoundaries: try counts[2].decode(Int.self), withPopulation: try counts[3].decode(Int.self),
                populationYears: try await db.column(
                    """
                    SELECT DISTINCT population_year FROM municipality WHERE population_year IS NOT NULL ORDER BY 1
                    """),
                totalPopulation: try counts[4].decode(Int.self),
                provinces: try await db.column(
                    """
                    SELECT DISTINCT coalesce(province, substr(code, 1, 3)) FROM municipality ORDER BY 1
                    """),
                extent: try await Self.extent("true", on: db),
                consortium: .init(
                    members: members.count, population: population.reduce(0) { $0 + ($1 ?? 0) },
                    membersWithoutPopulation: try zip(members, population).filter { $0.1 == nil }
                        .map { try $0.0[0].decode(String.self) },
                    names: try members.map { try $0[1].decode(String.self) },
                    extent: try await Self.extent("in_consortium", on: db)),
                categories: try await Self.count("category", on: db),
                services: try await Self.count("service", on: db),
                servicesUnverified: try await Self.count("service WHERE NOT verified", on: db),
                servicesApproximate: try await Self.count("service WHERE location_approximate", on: db),
                userSubmissions: try await Self.count("submission WHERE form = 'user'", on: db),
                operatorSubmissions: try await Self.count("submission WHERE form = 'operator'", on: db),
                quarantinedRows: try await Self.count("quarantine", on: db),
                batches: try await Self.count("batch", on: db),
                recentImports: try await Self.recentImports(db))
        }
    }

    static func count(_ from: String, on db: PostgresConnection) async throws -> Int {
        try await db.column("SELECT count(*)::int FROM \(unescaped: from)", as: Int.self)[0]
    }

    static func extent(_ filter: String, on db: PostgresConnection) async throws -> BoundingBox? {
        let row = try await db.rows(
            """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(geom) AS e FROM municipality WHERE \(unescaped: filter)) extent
            """)[0]
        guard let minX = try row[0].decode(Double?.self) else { return nil }
        return BoundingBox(
            minX: minX, minY: try row[1].decode(Double.self), maxX: try row[2].decode(Double.self),
            maxY: try row[3].decode(Double.self))
    }

    static func recentImports(_ db: PostgresConnection) async throws -> [StoreSummary.Import] {
        try await db.rows(
            """
            SELECT kind, source, imported_at, added, updated, unchanged, note FROM import_log ORDER BY id DESC LIMIT 5
            """
        ).map {
            StoreSummary.Import(
                kind: try $0[0].decode(String.self), source: try $0[1].decode(String.self),
                at: try $0[2].decode(String.self), added: try $0[3].decode(Int.self),
                updated: try $0[4].decode(Int.self), unchanged: try $0[5].decode(Int.self),
                note: try $0[6].decode(String?.self))
        }
    }
}
