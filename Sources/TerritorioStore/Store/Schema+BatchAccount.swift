import GRDB

extension Schema {
    /// `v7-batch-account`: the account that uploaded or typed a batch through the web app (NULL for
    /// a batch ingested from the command line), so that an operator sees and corrects only the
    /// quarantined rows of its own organisation's batches.
    static func registerBatchAccount(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-batch-account") { db in
            try db.execute(sql: "ALTER TABLE batch ADD COLUMN account_id INTEGER REFERENCES account (id)")
        }
    }
}
