import GRDB

/// The database schema, as a list of named migrations. A migration is never edited once
/// shipped: changes go in a new one at the end.
///
/// Geometry columns are registered with SpatiaLite (`AddGeometryColumn`), so GDAL and QGIS
/// list each layer with its type and SRID.
enum Schema {
    static let wgs84: Int = 4326

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-spatial-metadata") { db in
            // Without the argument, InitSpatialMetadata runs inside GRDB's transaction.
            // 'WGS84' mode: EPSG:4326 and the WGS84 UTM zones (32632 for maps), not all of EPSG.
            let ok = try Int.fetchOne(db, sql: "SELECT InitSpatialMetadata('WGS84')") ?? 0
            guard ok == 1 else { throw StoreError.spatialMetadata("InitSpatialMetadata returned \(ok)") }
        }
        m.registerMigration("v1-municipality") { db in
            try db.execute(
                sql: """
                    CREATE TABLE municipality (
                        code TEXT PRIMARY KEY NOT NULL
                            CHECK (code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
                        name TEXT NOT NULL,
                        province TEXT,
                        population INTEGER CHECK (population >= 0),
                        population_year INTEGER,
                        in_consortium INTEGER NOT NULL DEFAULT 0 CHECK (in_consortium IN (0, 1)),
                        boundary_approximate INTEGER NOT NULL DEFAULT 0 CHECK (boundary_approximate IN (0, 1)),
                        boundary_source TEXT,
                        boundary_repair TEXT,
                        area_km2 REAL,
                        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    )
                    """)
            try addGeometryColumn(db, table: "municipality", column: "geom", type: "MULTIPOLYGON")
            try addGeometryColumn(db, table: "municipality", column: "rep_point", type: "POINT")
            try createSpatialIndex(db, table: "municipality", column: "geom")
        }
        m.registerMigration("v1-import-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE import_log (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        source TEXT NOT NULL,
                        sha256 TEXT,
                        imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        added INTEGER NOT NULL DEFAULT 0,
                        updated INTEGER NOT NULL DEFAULT 0,
                        unchanged INTEGER NOT NULL DEFAULT 0,
                        note TEXT
                    )
                    """)
        }
        m.registerMigration("v2-directory") { db in
            try db.execute(
                sql: """
                    CREATE TABLE category (
                        code TEXT PRIMARY KEY NOT NULL,
                        position INTEGER NOT NULL,
                        label_it TEXT NOT NULL, label_en TEXT NOT NULL, label_fr TEXT NOT NULL, label_ar TEXT NOT NULL,
                        description_it TEXT, description_en TEXT, description_fr TEXT, description_ar TEXT
                    );
                    CREATE TABLE service (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL CHECK (name <> ''),
                        organization TEXT,
                        address TEXT,
                        postal_code TEXT,
                        municipality_code TEXT,
                        location_approximate INTEGER NOT NULL DEFAULT 0 CHECK (location_approximate IN (0, 1)),
                        phone TEXT, email TEXT, website TEXT,
                        opening_hours TEXT,
                        languages TEXT NOT NULL DEFAULT '',
                        eligibility TEXT,
                        capacity REAL CHECK (capacity >= 0),
                        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
                        last_updated TEXT,
                        source TEXT,
                        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE INDEX service_municipality ON service (municipality_code);
                    CREATE TABLE service_category (
                        service_id TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
                        category_code TEXT NOT NULL REFERENCES category (code),
                        PRIMARY KEY (service_id, category_code)
                    ) WITHOUT ROWID;
                    CREATE INDEX service_category_by_category ON service_category (category_code);
                    """)
            try addGeometryColumn(db, table: "service", column: "geom", type: "POINT")
            try createSpatialIndex(db, table: "service", column: "geom")
        }
        m.registerMigration("v3-surveys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE batch (
                        id INTEGER PRIMARY KEY,
                        file TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        form TEXT NOT NULL,
                        dialect TEXT NOT NULL,
                        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        rows INTEGER NOT NULL DEFAULT 0,
                        accepted INTEGER NOT NULL DEFAULT 0,
                        duplicates INTEGER NOT NULL DEFAULT 0,
                        conflicts INTEGER NOT NULL DEFAULT 0,
                        rejected INTEGER NOT NULL DEFAULT 0,
                        dropped_columns TEXT NOT NULL DEFAULT '[]'
                    );
                    CREATE TABLE submission (
                        uuid TEXT PRIMARY KEY NOT NULL,
                        form TEXT NOT NULL CHECK (form IN ('user', 'operator')),
                        municipality_code TEXT NOT NULL,
                        submitted_at TEXT,
                        urgency TEXT,
                        barriers TEXT NOT NULL DEFAULT '',
                        languages TEXT NOT NULL DEFAULT '',
                        household_size INTEGER,
                        age_group TEXT,
                        organization TEXT,
                        period_start TEXT,
                        period_end TEXT,
                        content_hash TEXT NOT NULL,
                        batch_id INTEGER NOT NULL REFERENCES batch (id),
                        source_row INTEGER NOT NULL
                    );
                    CREATE INDEX submission_municipality ON submission (municipality_code, form);
                    CREATE TABLE need_report (
                        submission_uuid TEXT NOT NULL REFERENCES submission (uuid) ON DELETE CASCADE,
                        category_code TEXT NOT NULL,
                        requests INTEGER,
                        unmet INTEGER,
                        PRIMARY KEY (submission_uuid, category_code)
                    ) WITHOUT ROWID;
                    CREATE INDEX need_report_category ON need_report (category_code);
                    CREATE TABLE submission_archive (
                        id INTEGER PRIMARY KEY,
                        uuid TEXT NOT NULL,
                        archived_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        reason TEXT NOT NULL,
                        content TEXT NOT NULL,
                        batch_id INTEGER,
                        source_row INTEGER
                    );
                    CREATE TABLE quarantine (
                        id INTEGER PRIMARY KEY,
                        batch_id INTEGER NOT NULL REFERENCES batch (id),
                        source_row INTEGER NOT NULL,
                        raw TEXT NOT NULL,
                        reasons TEXT NOT NULL
                    );
                    """)
            // The exact point of a submission: analysis only, never exported.
            try addGeometryColumn(db, table: "submission", column: "geom", type: "POINT")
        }
        m.registerMigration("v4-a-submission-versions") { db in
            // Which version of a submission is stored (edit markers and the submission's own
            // time decide which is newer, not the order of ingestion), archived versions by
            // content (an old export ingested again archives nothing twice), batches by file hash.
            try db.execute(
                sql: """
                    ALTER TABLE submission ADD COLUMN instance_id TEXT;
                    ALTER TABLE submission ADD COLUMN deprecated_id TEXT;
                    ALTER TABLE submission ADD COLUMN edits INTEGER;
                    ALTER TABLE submission ADD COLUMN version_time TEXT;
                    CREATE INDEX submission_edited ON submission (instance_id) WHERE instance_id <> uuid;
                    ALTER TABLE submission_archive ADD COLUMN content_hash TEXT;
                    CREATE INDEX submission_archive_version ON submission_archive (uuid, content_hash);
                    CREATE INDEX batch_sha256 ON batch (sha256);
                    UPDATE submission SET version_time = submitted_at,
                                          instance_id = CASE WHEN uuid LIKE 'paper-%' THEN NULL ELSE uuid END;
                    """)
        }
        m.registerMigration("v4-e-municipality-zone") { db in
            // The consortium's zone (valley or district) of a member: what the researcher export
            // publishes instead of the municipality (docs/privacy.md).
            try db.execute(sql: "ALTER TABLE municipality ADD COLUMN zone TEXT")
        }
        m.registerMigration("v4-b-quarantine-keys") { db in
            // A quarantined row is found again by its token (the `_territorio_id` of the
            // --rejected file) or its instance id, so that a corrected row replaces it.
            try db.execute(
                sql: """
                    ALTER TABLE quarantine ADD COLUMN uuid TEXT;
                    ALTER TABLE quarantine ADD COLUMN form TEXT;
                    ALTER TABLE quarantine ADD COLUMN token TEXT;
                    UPDATE quarantine SET token = lower(hex(randomblob(16))),
                                          form = (SELECT form FROM batch WHERE batch.id = quarantine.batch_id);
                    CREATE UNIQUE INDEX quarantine_token ON quarantine (token);
                    CREATE INDEX quarantine_uuid ON quarantine (uuid, form);
                    """)
            try QuarantinePruning.upgrade(db)
        }
        m.registerMigration("v4-b-coarse-points") { db in
            // Exact respondent points are no longer kept: those stored before become the centre
            // of their 1 km cell (the default of LocationPrivacy).
            try PointCoarsening.run(db, privacy: .standard)
        }
        m.registerMigration("v5-h-accounts") { db in
            // The web app's organisations, accounts (bcrypt hashes only), sessions (the SHA-256
            // of the cookie's token, never the token) and the audit log of every write (who,
            // when, what, which object: never respondent data).
            try db.execute(
                sql: """
                    CREATE TABLE organisation (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (name <> '')
                    );
                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                        organisation_id INTEGER NOT NULL REFERENCES organisation (id),
                        role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'planner', 'researcher')),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE web_session (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        expires_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY,
                        account_id INTEGER REFERENCES account (id),
                        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        action TEXT NOT NULL,
                        object TEXT NOT NULL
                    );
                    """)
        }
        registerRoundsAndSessions(&m)
        registerServiceDirectory(&m)
        registerEntry(&m)
        registerBatchAccount(&m)
        return m
    }

    static func addGeometryColumn(_ db: Database, table: String, column: String, type: String) throws {
        let ok =
            try Int.fetchOne(
                db, sql: "SELECT AddGeometryColumn(?, ?, ?, ?, 'XY')",
                arguments: [table, column, wgs84, type]) ?? 0
        guard ok == 1 else { throw StoreError.spatialMetadata("AddGeometryColumn(\(table).\(column)) failed") }
    }

    static func createSpatialIndex(_ db: Database, table: String, column: String) throws {
        let ok = try Int.fetchOne(db, sql: "SELECT CreateSpatialIndex(?, ?)", arguments: [table, column]) ?? 0
        guard ok == 1 else { throw StoreError.spatialMetadata("CreateSpatialIndex(\(table).\(column)) failed") }
    }
}
