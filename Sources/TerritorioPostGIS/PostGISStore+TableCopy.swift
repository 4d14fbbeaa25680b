import Foundation
import PostgresNIO
import TerritorioStoreAPI

/// The PostGIS side of ``DatabaseCopy``: the tables of the store's schema (not PostGIS's
/// `spatial_ref_sys` nor `schema_migrations`), rows inserted in batches with the ids they had
/// (`OVERRIDING SYSTEM VALUE`), sequences advanced past them, all in one transaction.
extension PostGISStore: TableCopyStore {
    public var copyLocation: String { location }

    static let notCopyTables: Set<String> = ["spatial_ref_sys", "schema_migrations"]

    public func copyTables() async throws -> [String: [String]] {
        try await read { db in
            var out: [String: [String]] = [:]
            for row in try await db.rows(
                """
                SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                ORDER BY c.table_name, c.ordinal_position
                """)
            {
                let table = try row[0].decode(String.self)
                guard !Self.notCopyTables.contains(table) else { continue }
                out[table, default: []].append(try row[1].decode(String.self))
            }
            return out
        }
    }

    public func copyRowCount(_ table: String) async throws -> Int {
        try await read { db in
            let sql = "SELECT count(*)::int8 FROM \(PostGISColumn.quote(table))"
            return Int(try await db.column(PostgresQuery(unsafeSQL: sql), as: Int64.self).first ?? 0)
        }
    }

    public func copyRows(_ tables: [CopyRequest]) async throws -> [[[CopyValue]]] {
        try await read { db in try await Self.rows(db, tables) }
    }

    /// The rows of each of `tables`, on `db` (a snapshot, or the copy's own transaction).
    static func rows(_ db: PostgresConnection, _ tables: [CopyRequest]) async throws -> [[[CopyValue]]] {
        var out: [[[CopyValue]]] = []
        for request in tables { out.append(try await rows(db, request)) }
        return out
    }

    static func rows(_ db: PostgresConnection, _ request: CopyRequest) async throws -> [[CopyValue]] {
        let info = try await columns(db, request.table)
        let chosen = try request.columns.map { name in
            guard let column = info.first(where: { $0.name == name }) else { throw noColumn(request.table, name) }
            return column
        }
        let sql = "SELECT \(chosen.map(\.selection).joined(separator: ", ")) FROM \(PostGISColumn.quote(request.table))"
        return try await db.rows(PostgresQuery(unsafeSQL: sql)).map { row in
            try chosen.indices.map { try value(row[$0], chosen[$0].kind) }
        }
    }

    public func copyInsert(
        _ batches: [CopyBatch], check: @Sendable ([[[CopyValue]]]) throws -> Void
    ) async throws {
        do {
            try await insertAll(batches, check: check)
        } catch let error as PSQLError {
            throw PostGISError.refused(location: location, reason: PostGISError.reason(error))
        }
    }

    static func noColumn(_ table: String, _ column: String) -> PostGISError {
        .refused(location: table, reason: "no column \(column)")
    }

    private func insertAll(
        _ batches: [CopyBatch], check: @Sendable ([[[CopyValue]]]) throws -> Void
    ) async throws {
        try await write { db in
            for batch in batches where !batch.rows.isEmpty {
                let info = try await Self.columns(db, batch.table)
                let chosen = try batch.columns.map { name in
                    guard let column = info.first(where: { $0.name == name }) else {
                        throw Self.noColumn(batch.table, name)
                    }
                    return column
                }
                try await Self.insert(db, batch, chosen)
                try await Self.advanceSequences(db, batch.table, chosen.filter(\.generated))
            }
            // Read back inside the transaction: a throwing check rolls the whole copy back.
            try check(try await Self.rows(db, batches.map { CopyRequest($0.table, $0.columns) }))
        }
    }

    /// The columns of `table`, with their types.
    static func columns(_ db: PostgresConnection, _ table: String) async throws -> [PostGISColumn] {
        try await db.rows(
            """
            SELECT column_name::text, udt_name::text,
                   is_identity = 'YES' OR coalesce(column_default, '') LIKE 'nextval(%'
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
            """
        ).map {
            PostGISColumn(
                name: try $0[0].decode(String.self), type: try $0[1].decode(String.self),
                generated: try $0[2].decode(Bool.self))
        }
    }

    static func value(_ cell: PostgresCell, _ kind: PostGISColumn.Kind) throws -> CopyValue {
        switch kind {
        case .boolean, .integer: try cell.decode(Int64?.self).map(CopyValue.integer) ?? .null
        case .real: try cell.decode(Double?.self).map(CopyValue.real) ?? .null
        case .bytes, .geometry: try cell.decode(Data?.self).map(CopyValue.blob) ?? .null
        case .text, .other: try cell.decode(String?.self).map(CopyValue.text) ?? .null
        }
    }
}
