import GRDB

extension Store {
    /// The first batch that ingested a file with this SHA-256, and when: a file ingested again
    /// that brings nothing new is not recorded twice.
    public func batch(withSHA256 hash: String) throws -> (id: Int64, at: String)? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, ingested_at FROM batch WHERE sha256 = ? ORDER BY id LIMIT 1",
                arguments: [hash]
            ).map { ($0[0], $0[1]) }
        }
    }
}
