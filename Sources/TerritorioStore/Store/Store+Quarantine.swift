import Foundation
import GRDB
import TerritorioCore

extension Store {
    static let quarantineQuery = """
        SELECT q.id, q.batch_id, b.file, ifnull(q.form, b.form), q.source_row, q.uuid, q.raw, q.reasons, b.ingested_at
        FROM quarantine q JOIN batch b ON b.id = q.batch_id
        """

    /// The quarantined rows, oldest first; only those of `batch` when given.
    public func quarantinedRows(batch: Int64? = nil) throws -> [QuarantinedRow] {
        try read { db in
            try Row.fetchAll(
                db, sql: Self.quarantineQuery + " WHERE ?1 IS NULL OR q.batch_id = ?1 ORDER BY q.id",
                arguments: [batch]
            ).map(Self.quarantined)
        }
    }

    /// Rows of batches that an account of organisation `?2` brought in through the web app (any
    /// batch when `?2` is NULL: an admin).
    static let visibleTo = """
        (?2 IS NULL OR b.account_id IN (
            SELECT a.id FROM account a JOIN organisation o ON o.id = a.organisation_id WHERE o.name = ?2))
        """

    /// The quarantined rows an account of `organisation` may see: those of batches that an account
    /// of that organisation brought in through the web app (all of them when `organisation` is nil:
    /// an admin); only those of `batch` when given.
    public func quarantinedRows(batch: Int64?, visibleTo organisation: String?) throws -> [QuarantinedRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: Self.quarantineQuery
                    + " WHERE (?1 IS NULL OR q.batch_id = ?1) AND \(Self.visibleTo) ORDER BY q.id",
                arguments: [batch, organisation]
            ).map(Self.quarantined)
        }
    }

    /// One quarantined row if an account of `organisation` may see it (any when nil).
    public func quarantinedRow(id: Int64, visibleTo organisation: String?) throws -> QuarantinedRow? {
        try read { db in
            try Row.fetchOne(
                db, sql: Self.quarantineQuery + " WHERE q.id = ?1 AND \(Self.visibleTo)", arguments: [id, organisation]
            ).map(Self.quarantined)
        }
    }

    /// One quarantined row, or nil when there is no such id.
    public func quarantinedRow(id: Int64) throws -> QuarantinedRow? {
        try read { db in
            try Row.fetchOne(db, sql: Self.quarantineQuery + " WHERE q.id = ?", arguments: [id]).map(Self.quarantined)
        }
    }

    /// Deletes the quarantined rows with these ids (all of them when `ids` is nil); returns how
    /// many were deleted. Their bytes are overwritten in the file (secure delete).
    @discardableResult
    public func clearQuarantine(ids: [Int64]?) throws -> Int {
        try write { db in
            guard let ids else {
                try db.execute(sql: "DELETE FROM quarantine")
                return db.changesCount
            }
            var deleted = 0
            for id in ids {
                try db.execute(sql: "DELETE FROM quarantine WHERE id = ?", arguments: [id])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    private static func quarantined(_ r: Row) -> QuarantinedRow {
        let raw: String = r[6]
        let reasons: String = r[7]
        return QuarantinedRow(
            id: r[0], batch: r[1], file: r[2], form: r[3], row: r[4], uuid: r[5],
            values: (try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8))) ?? [:],
            reasons: (try? JSONDecoder().decode([String].self, from: Data(reasons.utf8))) ?? [reasons],
            ingestedAt: r[8])
    }
}
