import TerritorioCore

extension DatabaseCopy {
    /// A table of the source that the copy does not know, holding rows: stop rather than drop it.
    static func refuseUnknownTables(_ source: any TableCopyStore, _ tables: [String: [String]]) async throws {
        let known = Set(CopyTable.all.map(\.name)).union(CopyTable.notCopied)
        for table in tables.keys.sorted() where !known.contains(table) {
            let rows = try await source.copyRowCount(table)
            guard rows == 0 else {
                throw InputError(
                    file: source.copyLocation,
                    Messages.text("pgcopy.unknown_table", ("table", table), ("rows", String(rows))))
            }
        }
    }

    /// A target that already holds rows in any copied table: copy only into a new database.
    static func refuseNonEmpty(_ target: any TableCopyStore, _ tables: [String: [String]]) async throws {
        for table in CopyTable.all where tables[table.name] != nil {
            guard try await target.copyRowCount(table.name) == 0 else {
                throw InputError(
                    file: target.copyLocation, Messages.text("pgcopy.not_empty", ("table", table.name)))
            }
        }
    }

    /// The source's rows (one snapshot), table by table in copy order, with the columns both
    /// sides have; a table or a non-empty column the target lacks stops the copy.
    static func plan(
        _ source: any TableCopyStore, _ tables: [String: [String]], into targetTables: [String: [String]],
        target: String
    ) async throws -> [CopyBatch] {
        let requests = CopyTable.all.compactMap { t in tables[t.name].map { CopyRequest(t.name, $0.sorted()) } }
        var batches: [CopyBatch] = []
        for batch in try await read(source, requests) where !batch.rows.isEmpty {
            guard let room = targetTables[batch.table] else {
                throw InputError(
                    file: target,
                    Messages.text("pgcopy.no_table", ("table", batch.table), ("rows", String(batch.rows.count))))
            }
            batches.append(try fitted(batch, room: room, target))
        }
        return batches
    }

    /// The batch without the columns the target lacks, which must be empty (NULL) in every row.
    static func fitted(_ batch: CopyBatch, room: [String], _ target: String) throws -> CopyBatch {
        let missing = batch.columns.indices.filter { !room.contains(batch.columns[$0]) }
        guard !missing.isEmpty else { return batch }
        for i in missing {
            let used = batch.rows.filter { $0[i] != .null }.count
            guard used == 0 else {
                throw InputError(
                    file: target,
                    Messages.text(
                        "pgcopy.no_column", ("table", batch.table), ("column", batch.columns[i]),
                        ("rows", String(used))))
            }
        }
        let kept = batch.columns.indices.filter { !missing.contains($0) }
        return CopyBatch(
            table: batch.table, columns: kept.map { batch.columns[$0] },
            rows: batch.rows.map { row in kept.map { row[$0] } })
    }
}
