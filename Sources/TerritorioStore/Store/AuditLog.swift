import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// Records one write in the audit log, inside the caller's transaction.
    static func audit(_ db: Database, account: Int64?, action: String, object: String) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (account_id, action, object) VALUES (?, ?, ?)",
            arguments: [account, action, object])
    }

    /// The newest `limit` entries of the audit log, newest first.
    public func auditLog(limit: Int = 200) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT l.at, a.name, l.action, l.object FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
                    ORDER BY l.id DESC LIMIT ?
                    """, arguments: [limit]
            ).map { AuditEntry(at: $0[0], account: $0[1], action: $0[2], object: $0[3]) }
        }
    }

    /// Saves an edit of one service made in the web app and records it in the audit log, in one
    /// transaction. Returns false when nothing changed (nothing is then recorded).
    @discardableResult
    public func updateService(_ service: Service, by account: AccountRecord) throws -> Bool {
        try write { db in
            let report = try Self.upsertServices(db, [service], source: "web app: \(account.name)")
            guard report.unchanged.isEmpty else { return false }
            let action = report.added.isEmpty ? "service.update" : "service.add"
            try Self.audit(db, account: account.id, action: action, object: "service \(service.id)")
            return true
        }
    }
}
