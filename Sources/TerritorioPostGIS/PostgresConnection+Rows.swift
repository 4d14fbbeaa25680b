import PostgresNIO

extension PostgresConnection {
    /// Every row of `query`, with cells addressable by position.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var out: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: PostGISStore.logger) {
            out.append(row.makeRandomAccess())
        }
        return out
    }

    /// The first column of every row of `query`.
    func column<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> [T] {
        try await rows(query).map { try $0[0].decode(T.self) }
    }

    /// Runs `query`, discarding any rows.
    func run(_ query: PostgresQuery) async throws {
        try await self.query(query, logger: PostGISStore.logger)
    }

    /// Adds one line to the `import_log` table: what came from which file.
    func logImport(kind: String, source: String, added: Int, updated: Int, unchanged: Int, note: String?) async throws {
        try await run(
            """
            INSERT INTO import_log (kind, source, added, updated, unchanged, note)
            VALUES (\(kind), \(source), \(added), \(updated), \(unchanged), \(note))
            """)
    }
}
