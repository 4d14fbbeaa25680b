import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The web app's sign-in sessions on PostGIS: the SHA-256 of the cookie's token, never the token.
extension PostGISStore {
    public func createSession(tokenHash: String, account: AccountRecord, csrf: String, expiresAt: Date) async throws {
        try await write { db in
            try await db.run("DELETE FROM web_session WHERE expires_at <= \(Date().timeIntervalSince1970)")
            try await db.run(
                """
                INSERT INTO web_session (token_hash, account_id, csrf, expires_at)
                VALUES (\(tokenHash), \(account.id), \(csrf), \(expiresAt.timeIntervalSince1970))
                """)
            try await db.audit(account.id, "session.sign-in", account.name)
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> SessionRecord? {
        try await read { db in
            try await db.rows(
                """
                SELECT a.id, a.name, o.name, a.role, s.csrf, s.expires_at
                FROM web_session s JOIN account a ON a.id = s.account_id
                JOIN organisation o ON o.id = a.organisation_id
                WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now.timeIntervalSince1970) AND NOT a.disabled
                """
            ).first.flatMap { row in
                try Self.account(row).map {
                    SessionRecord(
                        account: $0, csrf: try row[4].decode(String.self),
                        expiresAt: Date(timeIntervalSince1970: try row[5].decode(Double.self)))
                }
            }
        }
    }

    public func deleteSession(tokenHash: String, account: AccountRecord) async throws {
        try await write { db in
            try await db.run("DELETE FROM web_session WHERE token_hash = \(tokenHash)")
            try await db.audit(account.id, "session.sign-out", account.name)
        }
    }
}
