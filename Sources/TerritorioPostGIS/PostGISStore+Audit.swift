import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The audit log on PostGIS, as the web app reads and writes it.
extension PostGISStore: AuditStore {
    public func recordAudit(_ action: String, object: String, by account: AccountRecord) async throws {
        try await write { db in try await db.audit(account.id, action, object) }
    }

    public func auditLog(limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await read { db in
            try await db.rows(
                """
                SELECT l.at, a.name, l.action, l.object FROM audit_log l LEFT JOIN account a ON a.id = l.account_id
                ORDER BY l.id DESC LIMIT \(limit) OFFSET \(offset)
                """
            ).map {
                AuditEntry(
                    at: try $0[0].decode(String.self), account: try $0[1].decode(String?.self),
                    action: try $0[2].decode(String.self), object: try $0[3].decode(String.self))
            }
        }
    }

    public func auditCount() async throws -> Int {
        try await read { try await $0.column("SELECT count(*)::int FROM audit_log", as: Int.self)[0] }
    }
}
