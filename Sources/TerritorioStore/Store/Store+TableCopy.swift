import Foundation
import GRDB
import TerritorioStoreAPI

/// The SpatiaLite side of ``DatabaseCopy``: tables through SQLite, geometries through
/// `AsBinary` / `GeomFromWKB` (WKB, SRID 4326), all inserts in one transaction.
extension Store: TableCopyStore {
    public var copyLocation: String { path }

    public func copyTables() async throws -> [String: [String]] {
        try read { db in
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            var out: [String: [String]] = [:]
            for name in names where !Self.isSpatiaLiteMetadata(name) {
                out[name] = try db.columns(in: name).map(\.name)
            }
            return out
        }
    }

    /// SQLite's, SpatiaLite's and GRDB's own tables: not user data.
    static func isSpatiaLiteMetadata(_ name: String) -> Bool {
        let prefixes = [
            "sqlite_", "idx_", "grdb_", "geometry_columns", "views_geometry_columns", "virts_geometry_columns",
            "spatial_ref_sys", "spatialite_", "sql_statements_log", "data_licenses", "elementarygeometries", "knn"
        ]
        let lower = name.lowercased()
        return prefixes.contains { lower.hasPrefix($0) }
    }

    public func copyRowCount(_ table: String) async throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0 }
    }

    public func copyRows(_ tables: [CopyRequest]) async throws -> [[[CopyValue]]] {
        try read { db in try tables.map { try Self.rows(db, $0) } }
    }

    static func rows(_ db: Database, _ request: CopyRequest) throws -> [[CopyValue]] {
        let geometry = try geometryColumns(db, request.table)
        let list = request.columns.map {
            geometry.contains($0) ? "AsBinary(\($0.quotedDatabaseIdentifier))" : $0.quotedDatabaseIdentifier
        }
        let sql = "SELECT \(list.joined(separator: ", ")) FROM \(request.table.quotedDatabaseIdentifier)"
        return try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(copyValue) }
    }

    public func copyInsert(
        _ batches: [CopyBatch], check: @Sendable ([[[CopyValue]]]) throws -> Void
    ) async throws {
        try write { db in
            for batch in batches where !batch.rows.isEmpty {
                let geometry = try Self.geometryColumns(db, batch.table)
                let slots = batch.columns.map { geometry.contains($0) ? "GeomFromWKB(?, 4326)" : "?" }
                let statement = try db.makeStatement(
                    sql: "INSERT INTO \(batch.table.quotedDatabaseIdentifier) "
                        + "(\(batch.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", "))) "
                        + "VALUES (\(slots.joined(separator: ", ")))")
                for row in batch.rows {
                    try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
                }
            }
            // Read back inside the transaction: a throwing check rolls the whole copy back.
            try check(try batches.map { try Self.rows(db, CopyRequest($0.table, $0.columns)) })
        }
    }

    /// The geometry columns SpatiaLite registered for `table`.
    static func geometryColumns(_ db: Database, _ table: String) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db, sql: "SELECT f_geometry_column FROM geometry_columns WHERE lower(f_table_name) = lower(?)",
                arguments: [table]))
    }

    static func copyValue(_ value: DatabaseValue) -> CopyValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob(v)
        }
    }

    static func databaseValue(_ value: CopyValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        case .blob(let v): v.databaseValue
        }
    }
}
