import GRDB

extension Store: SurveyStore {
    /// One ingest in one transaction: `body` adds and rejects rows through the ledger (a new
    /// batch), and the transaction commits when it returns `commit: true` (a dry run, or a file
    /// that brings nothing new, rolls back). SQLite has one writer at a time, so `body` runs once.
    public func ingestSession<T: Sendable>(_ body: @escaping (any SubmissionLedger) throws -> (T, commit: Bool)) throws
        -> T
    {
        try transaction { db in
            // Bulk load: keep the random-keyed indexes (instance UUIDs) in memory instead of
            // spilling pages to disk and reading them back.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            return try body(try SpatiaLiteLedger(db))
        }
    }
}
