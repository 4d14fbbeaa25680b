import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

extension PostGISStore: HealthStore {
    typealias Check = HealthReport.Check

    /// Checks the database without changing it, in one read-only snapshot: the server's and
    /// PostGIS's versions, the schema's migrations, what it holds, rows naming missing
    /// municipalities, the validity of the boundaries (`ST_IsValid`) and the GiST index of every
    /// geometry column. (Integrity, foreign keys and disk space are the server's: PostgreSQL
    /// enforces the references, and its administrators watch its storage.)
    public func doctor() async throws -> HealthReport {
        let checks = try await read { db in
            [
                try await Self.server(db), try await Self.schema(db), try await Self.counts(db),
                try await Self.orphans(db), try await Self.boundaries(db)
            ] + (try await Self.spatialIndexes(db))
        }
        return HealthReport(database: location, checks: checks)
    }

    static func server(_ db: PostgresConnection) async throws -> Check {
        let row = try await db.rows("SELECT current_setting('server_version'), postgis_lib_version()")[0]
        let detail = Messages.text(
            "pgcmds.doctor.server", ("postgres", try row[0].decode(String.self)),
            ("postgis", try row[1].decode(String.self)))
        return Check(name: "server", status: .ok, detail: detail, advice: nil)
    }

    static func schema(_ db: PostgresConnection) async throws -> Check {
        Check.schema(applied: try await PostGISSchema.applied(db), known: PostGISSchema.migrations.map(\.identifier))
    }

    static func counts(_ db: PostgresConnection) async throws -> Check {
        let row = try await db.rows(
            """
            SELECT (SELECT count(*) FROM municipality)::int, (SELECT count(*) FROM municipality WHERE in_consortium)::int,
                   (SELECT count(*) FROM service)::int, (SELECT count(*) FROM submission)::int,
                   (SELECT count(*) FROM quarantine)::int
            """)[0]
        let names = ["municipalities", "members", "services", "submissions", "quarantined"]
        let values = try (0..<names.count).map { (names[$0], try row[$0].decode(Int.self) as Any) }
        return Check(
            name: "contents", status: .ok, detail: Messages.text("pgcmds.doctor.counts", arguments: values),
            advice: nil)
    }

    /// Rows whose municipality code names no municipality (boundaries can be re-imported after
    /// services and surveys, so no foreign key guards them).
    static func orphans(_ db: PostgresConnection) async throws -> Check {
        let row = try await db.rows(
            """
            SELECT (SELECT count(*) FROM submission s
                    WHERE NOT EXISTS (SELECT 1 FROM municipality m WHERE m.code = s.municipality_code))::int,
                   (SELECT count(*) FROM service s WHERE s.municipality_code IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM municipality m WHERE m.code = s.municipality_code))::int
            """)[0]
        let (submissions, services) = (try row[0].decode(Int.self), try row[1].decode(Int.self))
        guard submissions + services == 0 else {
            return Check(
                name: "orphan rows", status: .warning,
                detail: Messages.text("pgcmds.doctor.orphans", ("submissions", submissions), ("services", services)),
                advice: Messages.text("pgcmds.doctor.orphans_advice"))
        }
        return Check(name: "orphan rows", status: .ok, detail: Messages.text("pgcmds.doctor.orphans_ok"), advice: nil)
    }

    static func boundaries(_ db: PostgresConnection) async throws -> Check {
        let invalid = try await db.column(
            """
            SELECT code || ' ' || name FROM municipality WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)
            ORDER BY code
            """, as: String.self)
        guard invalid.isEmpty else {
            let list = invalid.prefix(5).joined(separator: ", ")
            return Check(
                name: "boundaries", status: .warning,
                detail: Messages.text("pgcmds.doctor.geometries", ("count", invalid.count), ("list", list)),
                advice: Messages.text("pgcmds.doctor.geometries_advice"))
        }
        return Check(
            name: "boundaries", status: .ok, detail: Messages.text("pgcmds.doctor.geometries_ok"), advice: nil)
    }

    /// A GiST index on every `geom` column PostGIS lists (the representative points are read,
    /// never searched).
    static func spatialIndexes(_ db: PostgresConnection) async throws -> [Check] {
        let rows = try await db.rows(
            """
            SELECT g.f_table_name::text, g.f_geometry_column::text,
                   (SELECT min(i.indexname::text) FROM pg_indexes i
                    WHERE i.schemaname = g.f_table_schema AND i.tablename = g.f_table_name
                      AND i.indexdef ILIKE '%USING gist (' || g.f_geometry_column || ')%')
            FROM geometry_columns g WHERE g.f_table_schema = current_schema() AND g.f_geometry_column = 'geom'
            ORDER BY 1, 2
            """)
        return try rows.map { row in
            let (table, column) = (try row[0].decode(String.self), try row[1].decode(String.self))
            let name = "spatial index \(table).\(column)"
            guard let index = try row[2].decode(String?.self) else {
                return Check(
                    name: name, status: .problem, detail: Messages.text("pgcmds.doctor.index_missing"),
                    advice: Messages.text("pgcmds.doctor.index_advice", ("table", table), ("column", column)))
            }
            return Check(
                name: name, status: .ok, detail: Messages.text("pgcmds.doctor.index_ok", ("index", index)), advice: nil)
        }
    }
}
