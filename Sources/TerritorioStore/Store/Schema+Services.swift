import GRDB
import TerritorioCore
import TerritorioIO

extension Schema {
    /// Helper "services"' migrations (issue 13): the directory's verification checks, and
    /// accounts that an admin disables.
    static func registerServiceDirectory(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-services-verification") { db in
            // Each check of a service's entry: who (the account), when, how, what was found, a
            // note about the service (never about a person). Kept after the service closes.
            try db.execute(
                sql: """
                    CREATE TABLE service_verification (
                        id INTEGER PRIMARY KEY,
                        service_id TEXT NOT NULL,
                        account_id INTEGER REFERENCES account (id),
                        at TEXT NOT NULL,
                        method TEXT NOT NULL CHECK (method IN ('phone', 'visit', 'email', 'website')),
                        outcome TEXT NOT NULL CHECK (outcome IN ('confirmed', 'changed', 'closed')),
                        note TEXT
                    );
                    CREATE INDEX service_verification_by_service ON service_verification (service_id, at);
                    """)
        }
        m.registerMigration("v6-services-account-disabled") { db in
            try db.execute(
                sql: """
                    ALTER TABLE account ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
                    """)
        }
    }
}
