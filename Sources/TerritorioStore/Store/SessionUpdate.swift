import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// Stores a session under the hash of its cookie token; drops expired sessions on the way.
    public func createSession(tokenHash: String, account: AccountRecord, csrf: String, expiresAt: Date) throws {
        try write { db in
            try db.execute(
                sql: "DELETE FROM web_session WHERE expires_at <= ?",
                arguments: [Date().timeIntervalSince1970])
            try db.execute(
                sql: """
                    INSERT INTO web_session (token_hash, account_id, csrf, expires_at) VALUES (?, ?, ?, ?)
                    """,
                arguments: [tokenHash, account.id, csrf, expiresAt.timeIntervalSince1970])
            try Self.audit(db, account: account.id, action: "session.sign-in", object: account.name)
        }
    }

    /// The session stored under `tokenHash`, when it has not expired at `now`.
    public func session(tokenHash: String, now: Date = Date()) throws -> SessionRecord? {
        try read { db in
            let sql = """
                SELECT a.id, a.name, o.name AS organisation, a.role, s.csrf, s.expires_at
                FROM web_session s JOIN account a ON a.id = s.account_id
                JOIN organisation o ON o.id = a.organisation_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0
                """
            return try Row.fetchOne(db, sql: sql, arguments: [tokenHash, now.timeIntervalSince1970]).flatMap { row in
                Self.account(row).map {
                    SessionRecord(
                        account: $0, csrf: row["csrf"],
                        expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
                }
            }
        }
    }

    /// Ends the session stored under `tokenHash` (signing out).
    public func deleteSession(tokenHash: String, account: AccountRecord) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE token_hash = ?", arguments: [tokenHash])
            try Self.audit(db, account: account.id, action: "session.sign-out", object: account.name)
        }
    }
}
