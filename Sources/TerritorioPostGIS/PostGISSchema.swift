import PostgresNIO

/// The PostGIS schema, as named migrations in PostgreSQL's dialect, recorded in
/// `schema_migrations` under the same identifiers as the SpatiaLite ones where they apply.
/// A migration is never edited once shipped: changes go in a new one at the end.
///
/// The tables of the store protocols exist: territory, directory, surveys (batches, submissions,
/// needs, archive, quarantine), rounds, the directory's history and sessions, and the web app's
/// (``webMigrations``). Geometry columns are typed (`geometry(MultiPolygon, 4326)`,
/// `geometry(Point, 4326)`) so that GDAL and QGIS list each layer with its type and SRID.
enum PostGISSchema {
    /// An SQL expression for "now" in the same text form as SpatiaLite's `strftime(…)` default.
    static let now = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

    static let migrations: [(identifier: String, sql: [String])] =
        [
            ("v1-spatial-metadata", ["CREATE EXTENSION IF NOT EXISTS postgis"]),
            (
                "v1-municipality",
                [
                    """
                    CREATE TABLE municipality (
                        code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
                        name text NOT NULL,
                        province text,
                        population integer CHECK (population >= 0),
                        population_year integer,
                        in_consortium boolean NOT NULL DEFAULT false,
                        boundary_approximate boolean NOT NULL DEFAULT false,
                        boundary_source text,
                        boundary_repair text,
                        area_km2 double precision,
                        updated_at text NOT NULL DEFAULT \(now),
                        geom geometry(MultiPolygon, 4326),
                        rep_point geometry(Point, 4326)
                    )
                    """,
                    "CREATE INDEX municipality_geom ON municipality USING gist (geom)"
                ]
            ),
            (
                "v1-import-log",
                [
                    """
                    CREATE TABLE import_log (
                        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        kind text NOT NULL,
                        source text NOT NULL,
                        sha256 text,
                        imported_at text NOT NULL DEFAULT \(now),
                        added integer NOT NULL DEFAULT 0,
                        updated integer NOT NULL DEFAULT 0,
                        unchanged integer NOT NULL DEFAULT 0,
                        note text
                    )
                    """
                ]
            ),
            ("v2-directory", directory),
            ("v4-e-municipality-zone", ["ALTER TABLE municipality ADD COLUMN zone text"])
        ] + surveyMigrations + webMigrations

    static let directory = [
        """
        CREATE TABLE category (
            code text PRIMARY KEY,
            position integer NOT NULL,
            label_it text NOT NULL, label_en text NOT NULL, label_fr text NOT NULL, label_ar text NOT NULL,
            description_it text, description_en text, description_fr text, description_ar text
        )
        """,
        """
        CREATE TABLE service (
            id text PRIMARY KEY,
            name text NOT NULL CHECK (name <> ''),
            organization text,
            address text,
            postal_code text,
            municipality_code text,
            location_approximate boolean NOT NULL DEFAULT false,
            phone text, email text, website text,
            opening_hours text,
            languages text NOT NULL DEFAULT '',
            eligibility text,
            capacity double precision CHECK (capacity >= 0),
            verified boolean NOT NULL DEFAULT false,
            last_updated text,
            source text,
            updated_at text NOT NULL DEFAULT \(now),
            geom geometry(Point, 4326)
        )
        """,
        "CREATE INDEX service_municipality ON service (municipality_code)",
        "CREATE INDEX service_geom ON service USING gist (geom)",
        """
        CREATE TABLE service_category (
            service_id text NOT NULL REFERENCES service (id) ON DELETE CASCADE,
            category_code text NOT NULL REFERENCES category (code),
            PRIMARY KEY (service_id, category_code)
        )
        """,
        "CREATE INDEX service_category_by_category ON service_category (category_code)"
    ]

    /// Applies the missing migrations, in one transaction, under an advisory lock so
    /// that two processes opening the same database at once do not both migrate it.
    static func migrate(_ store: PostGISStore) async throws {
        try await store.write { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7317001)", logger: PostGISStore.logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    identifier text PRIMARY KEY, applied_at text NOT NULL DEFAULT \(unescaped: now))
                """, logger: PostGISStore.logger)
            let applied = Set(try await applied(connection))
            for migration in migrations where !applied.contains(migration.identifier) {
                for sql in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostGISStore.logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (identifier) VALUES (\(migration.identifier))",
                    logger: PostGISStore.logger)
            }
        }
    }

    /// The identifiers of the applied migrations, in the migrator's order (unknown ones last).
    static func applied(_ connection: PostgresConnection) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT identifier FROM schema_migrations ORDER BY identifier",
            logger: PostGISStore.logger)
        var out: [String] = []
        for try await identifier in rows.decode(String.self) { out.append(identifier) }
        let order = Dictionary(uniqueKeysWithValues: migrations.enumerated().map { ($1.identifier, $0) })
        return out.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
    }
}
