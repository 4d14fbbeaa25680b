import Foundation
import GRDB
import TerritorioCore

/// The web app's reads and writes of the audit log and the quarantine: every write records who
/// did it in the same transaction (never respondent data: actions name rows and batches by id).
extension Store {
    /// Records one action of `account` in the audit log (a download, an export).
    public func recordAudit(_ action: String, object: String, by account: AccountRecord) throws {
        try write { db in try Self.audit(db, account: account.id, action: action, object: object) }
    }

    /// The audit log's entries newest first, `limit` of them after skipping `offset`.
    public func auditLog(limit: Int, offset: Int) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.at, a.name, l.action, l.object FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
                    ORDER BY l.id DESC LIMIT ? OFFSET ?
                    """, arguments: [limit, offset]
            ).map { AuditEntry(at: $0[0], account: $0[1], action: $0[2], object: $0[3]) }
        }
    }

    /// How many entries the audit log has.
    public func auditCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }

    /// The token of the quarantined row `id` (its `_territorio_id`: a corrected row that carries
    /// it takes the entry's place), or nil when there is no such row.
    public func quarantineToken(id: Int64) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT token FROM quarantine WHERE id = ?", arguments: [id]) }
    }

    /// Deletes the quarantined row `id` and records it in the audit log, in one transaction;
    /// false when there was no such row (nothing is then recorded).
    @discardableResult
    public func clearQuarantinedRow(id: Int64, by account: AccountRecord) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM quarantine WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { return false }
            try Self.audit(db, account: account.id, action: "quarantine.clear", object: "quarantine row \(id)")
            return true
        }
    }

    /// Deletes the quarantined rows of `batch` (every one when nil) and records it in the audit
    /// log, in one transaction; returns how many were deleted.
    @discardableResult
    public func clearQuarantine(batch: Int64?, by account: AccountRecord) throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM quarantine WHERE ?1 IS NULL OR batch_id = ?1", arguments: [batch])
            let deleted = db.changesCount
            guard deleted > 0 else { return 0 }
            let object = batch.map { "quarantine of batch \($0)" } ?? "whole quarantine"
            try Self.audit(db, account: account.id, action: "quarantine.clear", object: "\(object) (\(deleted) rows)")
            return deleted
        }
    }
}
