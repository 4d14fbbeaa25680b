import Crypto
import Foundation
import TerritorioCore

/// Moves a whole database from one backend to another (SpatiaLite file or PostGIS server, either
/// way), for a consortium that moves up: every table of ``CopyTable/all`` with every column, ids
/// as they are, in one transaction on the target, checked before the commit by a content digest
/// of the rows read back inside that transaction.
///
/// Nothing is dropped silently: a source table outside the list, or rows (or non-empty columns)
/// the target has no table (column) for, stop the copy before anything is written.
public enum DatabaseCopy {
    /// What was copied: rows per table (tables with rows, in copy order) and the digest both
    /// databases share.
    public struct Report: Sendable, Equatable {
        public var tables: [(name: String, rows: Int)]
        /// SHA-256 of the copied content (see ``digest(_:)``), equal on both sides.
        public var digest: String

        public var rows: Int { tables.reduce(0) { $0 + $1.rows } }

        public static func == (a: Report, b: Report) -> Bool {
            a.digest == b.digest && a.tables.map(\.name) == b.tables.map(\.name)
                && a.tables.map(\.rows) == b.tables.map(\.rows)
        }
    }

    /// Copies `source` into the empty `target`.
    public static func copy(from source: any TableCopyStore, to target: any TableCopyStore) async throws -> Report {
        let sourceTables = try await source.copyTables()
        let targetTables = try await target.copyTables()
        try await refuseUnknownTables(source, sourceTables)
        try await refuseNonEmpty(target, targetTables)
        let batches = try await plan(source, sourceTables, into: targetTables, target: target.copyLocation)
        let expected = digest(batches)
        let requests = batches.map { CopyRequest($0.table, $0.columns) }
        let location = target.copyLocation
        try await target.copyInsert(batches) { written in
            guard digest(ordered(requests, written)) == expected else {
                throw InputError(file: location, Messages.text("pgcopy.digest_mismatch"))
            }
        }
        return Report(tables: batches.map { ($0.table, $0.rows.count) }, digest: expected)
    }

    /// The content of every copied table of `store` that holds rows (columns in name order,
    /// rows in key order): what a copy moves, for comparing two databases.
    public static func contents(_ store: any TableCopyStore) async throws -> [CopyBatch] {
        let tables = try await store.copyTables()
        let present = CopyTable.all.compactMap { t in tables[t.name].map { CopyRequest(t.name, $0.sorted()) } }
        return try await read(store, present).filter { !$0.rows.isEmpty }
    }

    /// The digest of ``contents(_:)``: equal for two databases holding the same rows, whatever
    /// the backend.
    public static func digest(_ store: any TableCopyStore) async throws -> String {
        digest(try await contents(store))
    }

    /// The rows of `tables`, from one snapshot, each table's rows in canonical order.
    static func read(_ store: any TableCopyStore, _ tables: [CopyRequest]) async throws -> [CopyBatch] {
        ordered(tables, try await store.copyRows(tables))
    }

    /// The rows read for `tables`, as batches, each table's rows in canonical order.
    static func ordered(_ tables: [CopyRequest], _ rows: [[[CopyValue]]]) -> [CopyBatch] {
        zip(tables, rows).map { request, rows in
            CopyBatch(
                table: request.table, columns: request.columns,
                rows: canonicalOrder(rows, request.table, request.columns))
        }
    }

    /// SHA-256 over each table's name, column names and rows, cells in ``CopyValue``'s canonical
    /// form; a column that is NULL in every row counts as absent (one backend may lack it).
    static func digest(_ batches: [CopyBatch]) -> String {
        var hasher = SHA256()
        func add(_ fields: [String]) {
            hasher.update(data: Data((fields.joined(separator: "\u{1f}") + "\u{1e}").utf8))
        }
        for batch in batches.map(withoutEmptyColumns) {
            add(["table", batch.table] + batch.columns)
            for row in batch.rows { add(row.map(\.canonical)) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The batch without the columns that are NULL in every row.
    public static func withoutEmptyColumns(_ batch: CopyBatch) -> CopyBatch {
        let kept = batch.columns.indices.filter { i in batch.rows.contains { $0[i] != .null } }
        guard kept.count < batch.columns.count else { return batch }
        return CopyBatch(
            table: batch.table, columns: kept.map { batch.columns[$0] },
            rows: batch.rows.map { row in kept.map { row[$0] } })
    }

    /// Rows sorted by the table's key (by every column when the key is not among them).
    static func canonicalOrder(_ rows: [[CopyValue]], _ table: String, _ columns: [String]) -> [[CopyValue]] {
        let key = CopyTable.all.first { $0.name == table }?.key ?? []
        let found = key.compactMap { columns.firstIndex(of: $0) }
        let order = found.count == key.count && !key.isEmpty ? found : Array(columns.indices)
        return rows.sorted { a, b in
            for i in order where a[i] != b[i] { return CopyValue.precedes(a[i], b[i]) }
            return false
        }
    }
}
