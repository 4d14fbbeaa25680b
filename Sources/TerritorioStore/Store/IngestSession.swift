import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension Store: SurveyStore {
    /// One ingest in one transaction: `body` adds and rejects rows through the ledger (a new
    /// batch), and the transaction commits when it returns `commit: true` (a dry run, or a file
    /// that brings nothing new, rolls back). SQLite has one writer at a time, so `body` runs once.
    public func ingestSession<T: Sendable>(_ body: @escaping (any SubmissionLedger) throws -> (T, commit: Bool)) throws
        -> T
    {
        try bulkTransaction { db in try body(try SpatiaLiteLedger(db)) }
    }

    /// The same with the writer made: a new batch, or (`reuseBatch`) the batch of the same file
    /// and SHA-256 when there is one (the web app's batch of the day).
    package func ingestSession<T>(
        file: String, sha256: String, columns: SurveyColumns, correction: Bool, reuseBatch: Bool = false,
        _ body: (SubmissionWriter) throws -> (T, commit: Bool)
    ) throws -> T {
        try bulkTransaction { db in
            let writer = try SubmissionWriter(
                try SpatiaLiteLedger(db), file: file, sha256: sha256, columns: columns, correction: correction,
                reuseBatch: reuseBatch)
            return try body(writer)
        }
    }

    /// A transaction for a bulk load: the random-keyed indexes (instance UUIDs) stay in memory
    /// instead of spilling pages to disk and reading them back.
    func bulkTransaction<T>(_ work: (Database) throws -> (T, commit: Bool)) throws -> T {
        try transaction { db in
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            return try work(db)
        }
    }
}
