import GRDB
import TerritorioStoreAPI

extension Store {
    /// ``ingestSession(_:)`` for the file at `path`: when the file is large for the store
    /// (``BulkLoad/pays(fileBytes:stored:)``), the ingest's transaction sets aside the
    /// indexes and triggers of ``BulkLoad`` and rebuilds them before it commits.
    public func ingestSession<T: Sendable>(
        loading path: String, _ body: (any SubmissionLedger) throws -> (T, commit: Bool)
    ) throws -> T {
        let bytes = DiskSpace.size(of: path)
        return try bulkTransaction { db in
            let count = "SELECT count(*) FROM submission"
            let bulk =
                try bytes >= BulkLoad.minimumBytes
                && BulkLoad.pays(fileBytes: bytes, stored: Int.fetchOne(db, sql: count) ?? 0)
            return try Self.ingest(db, bulk: bulk, body)
        }
    }

    /// ``ingestSession(_:)``, as a bulk load (``BulkLoad``) or not, whatever the file's size.
    package func ingestSession<T>(bulk: Bool, _ body: (any SubmissionLedger) throws -> (T, commit: Bool)) throws -> T {
        try bulkTransaction { db in try Self.ingest(db, bulk: bulk, body) }
    }

    private static func ingest<T>(
        _ db: Database, bulk: Bool, _ body: (any SubmissionLedger) throws -> (T, commit: Bool)
    ) throws -> (T, commit: Bool) {
        guard bulk else { return try body(try SpatiaLiteLedger(db)) }
        let load = try BulkLoad.begin(db)
        let (value, commit) = try body(try SpatiaLiteLedger(db))
        if commit { try load.end(db) }
        return (value, commit)
    }
}
