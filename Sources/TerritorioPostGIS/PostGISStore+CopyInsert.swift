import Foundation
import PostgresNIO
import TerritorioStoreAPI

extension PostGISStore {
    /// Parameters per INSERT statement (PostgreSQL allows 65 535).
    static let copyParameters = 30_000

    /// Inserts the rows of `batch` in statements of many rows each, ids as they are.
    static func insert(_ db: PostgresConnection, _ batch: CopyBatch, _ columns: [PostGISColumn]) async throws {
        let perStatement = max(1, copyParameters / max(1, columns.count))
        let head =
            "INSERT INTO \(PostGISColumn.quote(batch.table)) (\(columns.map(\.quoted).joined(separator: ", "))) "
            + "OVERRIDING SYSTEM VALUE VALUES "
        var start = 0
        while start < batch.rows.count {
            let rows = batch.rows[start..<min(start + perStatement, batch.rows.count)]
            var bindings = PostgresBindings(capacity: rows.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(rows.count)
            for row in rows {
                let first = bindings.count + 1
                tuples.append("(" + columns.indices.map { columns[$0].slot(first + $0) }.joined(separator: ", ") + ")")
                for value in row { bind(value, into: &bindings) }
            }
            try await db.run(PostgresQuery(unsafeSQL: head + tuples.joined(separator: ", "), binds: bindings))
            start += perStatement
        }
    }

    static func bind(_ value: CopyValue, into bindings: inout PostgresBindings) {
        switch value {
        case .null: bindings.appendNull()
        case .integer(let v): bindings.append(v)
        case .real(let v): bindings.append(v)
        case .text(let v): bindings.append(v)
        case .blob(let v): bindings.append(ByteBuffer(bytes: v))
        }
    }

    /// Moves each sequence past the largest copied id, so that the next generated id is new.
    static func advanceSequences(_ db: PostgresConnection, _ table: String, _ columns: [PostGISColumn]) async throws {
        let quotedTable = PostGISColumn.quote(table)
        for column in columns {
            try await db.run(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence($1, $2), max(\(column.quoted)))
                        FROM \(quotedTable) HAVING max(\(column.quoted)) IS NOT NULL
                        """,
                    binds: Self.bindings(quotedTable, column.name)))
        }
    }

    static func bindings(_ values: String...) -> PostgresBindings {
        var out = PostgresBindings()
        for value in values { out.append(value) }
        return out
    }
}
