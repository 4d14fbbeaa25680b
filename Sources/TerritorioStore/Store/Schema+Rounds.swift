import GRDB

extension Schema {
    /// Helper F's migrations (issue 14): survey rounds, the directory's history, the self-help
    /// group's sessions.
    static func registerRoundsAndSessions(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-f-survey-rounds") { db in
            // A round is a named period; a batch belongs to the round chosen at ingestion
            // (batch.round_name), else to the round whose dates hold each submission's date.
            try db.execute(
                sql: """
                    CREATE TABLE survey_round (
                        name TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
                        start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                        end_date TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                        note TEXT,
                        CHECK (start_date <= end_date)
                    );
                    ALTER TABLE batch ADD COLUMN round_name TEXT REFERENCES survey_round (name);
                    """)
        }
        m.registerMigration("v5-f-service-history") { db in
            // Every change the imports make to the directory, with the service before and after
            // (JSON of the CSV fields), the date it takes effect, when it was recorded and its source.
            try db.execute(
                sql: """
                    CREATE TABLE service_history (
                        id INTEGER PRIMARY KEY,
                        service_id TEXT NOT NULL,
                        change TEXT NOT NULL CHECK (change IN ('opened', 'closed', 'updated')),
                        fields TEXT NOT NULL DEFAULT '',
                        before TEXT,
                        after TEXT,
                        effective_date TEXT NOT NULL,
                        recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        source TEXT NOT NULL
                    );
                    CREATE INDEX service_history_date ON service_history (effective_date);
                    """)
        }
        m.registerMigration("v5-f-sessions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE session (
                        id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                        content TEXT NOT NULL,
                        source TEXT,
                        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    """)
        }
    }
}
