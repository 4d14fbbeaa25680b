import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The quarantine as the web app's operators review it, on PostGIS: an operator sees the rows of
/// batches an account of its organisation brought in (an admin every row); deletions audited.
extension PostGISStore: QuarantineReviewStore {
    static let quarantineQuery = """
        SELECT q.id, q.batch_id, b.file, coalesce(q.form, b.form), q.source_row, q.uuid, q.raw, q.reasons,
               b.ingested_at
        FROM quarantine q JOIN batch b ON b.id = q.batch_id
        """

    /// The quarantined rows of `batch` (any when nil), or row `id`, of batches that an account of
    /// `organisation` brought in through the web app (any batch when nil: an admin), oldest first.
    static func visible(batch: Int64?, id: Int64?, to organisation: String?) -> PostgresQuery {
        """
        \(unescaped: quarantineQuery)
        WHERE (\(batch == nil) OR q.batch_id = \(batch ?? 0)) AND (\(id == nil) OR q.id = \(id ?? 0))
          AND (\(organisation == nil) OR b.account_id IN (
                SELECT a.id FROM account a JOIN organisation o ON o.id = a.organisation_id
                WHERE o.name = \(organisation ?? "")))
        ORDER BY q.id
        """
    }

    public func quarantinedRows(batch: Int64?, visibleTo organisation: String?) async throws -> [QuarantinedRow] {
        try await read { db in
            try await db.rows(Self.visible(batch: batch, id: nil, to: organisation)).map(Self.quarantined)
        }
    }

    public func quarantinedRow(id: Int64, visibleTo organisation: String?) async throws -> QuarantinedRow? {
        try await read { db in
            try await db.rows(Self.visible(batch: nil, id: id, to: organisation)).first.map(Self.quarantined)
        }
    }

    public func quarantineToken(id: Int64) async throws -> String? {
        try await read { db in
            try await db.rows("SELECT token FROM quarantine WHERE id = \(id)").first?[0].decode(String?.self)
        }
    }

    @discardableResult
    public func clearQuarantinedRow(id: Int64, by account: AccountRecord) async throws -> Bool {
        try await write { db in
            guard !(try await db.rows("DELETE FROM quarantine WHERE id = \(id) RETURNING id")).isEmpty else {
                return false
            }
            try await db.audit(account.id, "quarantine.clear", "quarantine row \(id)")
            return true
        }
    }

    @discardableResult
    public func clearQuarantine(batch: Int64?, by account: AccountRecord) async throws -> Int {
        try await write { db in
            let deleted = try await db.rows(
                "DELETE FROM quarantine WHERE \(batch == nil) OR batch_id = \(batch ?? 0) RETURNING id"
            ).count
            guard deleted > 0 else { return 0 }
            let object = batch.map { "quarantine of batch \($0)" } ?? "whole quarantine"
            try await db.audit(account.id, "quarantine.clear", "\(object) (\(deleted) rows)")
            return deleted
        }
    }

    /// A row of ``quarantineQuery``.
    static func quarantined(_ r: PostgresRandomAccessRow) throws -> QuarantinedRow {
        let raw = try r[6].decode(String.self)
        let reasons = try r[7].decode(String.self)
        return QuarantinedRow(
            id: try r[0].decode(Int64.self), batch: try r[1].decode(Int64.self), file: try r[2].decode(String.self),
            form: try r[3].decode(String?.self), row: try r[4].decode(Int.self), uuid: try r[5].decode(String?.self),
            values: (try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8))) ?? [:],
            reasons: (try? JSONDecoder().decode([String].self, from: Data(reasons.utf8))) ?? [reasons],
            ingestedAt: try r[8].decode(String.self))
    }
}
