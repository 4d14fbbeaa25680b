import TerritorioCore

/// The quarantine as the web app's operators review it: an account sees the rows of batches an
/// account of its organisation brought in (an admin, `organisation` nil, sees every row); every
/// deletion is audited in its own transaction. See ``DirectoryStore`` for the role of these protocols.
public protocol QuarantineReviewStore: Sendable {
    /// The quarantined rows `organisation` may see (of `batch` only, when given), oldest first.
    func quarantinedRows(batch: Int64?, visibleTo organisation: String?) async throws -> [QuarantinedRow]
    /// One quarantined row, if `organisation` may see it.
    func quarantinedRow(id: Int64, visibleTo organisation: String?) async throws -> QuarantinedRow?
    /// The token (`_territorio_id`) of the quarantined row `id`.
    func quarantineToken(id: Int64) async throws -> String?
    /// Deletes the quarantined row `id`, audited; false when there was none.
    @discardableResult
    func clearQuarantinedRow(id: Int64, by account: AccountRecord) async throws -> Bool
    /// Deletes the rows of `batch` (every one when nil), audited; returns how many.
    @discardableResult
    func clearQuarantine(batch: Int64?, by account: AccountRecord) async throws -> Int
}
