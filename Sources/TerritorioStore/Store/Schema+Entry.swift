import GRDB
import TerritorioCore
import TerritorioIO

extension Schema {
    /// Helper "entry"'s migrations (issue 13): the review queue of self-reported answers.
    static func registerEntry(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-entry-self-report-queue") { db in
            // Answers a service user sent from the public form: checked, without identity (no
            // account, no address, no point), pending until an operator accepts them (they then
            // go through the ingest writer into a "self-report" batch and the row keeps only the
            // submission's key) or discards them (the row is deleted).
            try db.execute(
                sql: """
                    CREATE TABLE self_report (
                        id INTEGER PRIMARY KEY,
                        received_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d', 'now')),
                        content TEXT NOT NULL,
                        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted')),
                        submission_uuid TEXT,
                        reviewed_at TEXT
                    );
                    CREATE INDEX self_report_pending ON self_report (status, id);
                    """)
        }
    }
}
