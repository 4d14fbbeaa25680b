import TerritorioCore

/// The audit log as the web app reads and writes it: who did what, never respondent data.
/// See ``DirectoryStore`` for the role of these protocols.
public protocol AuditStore: Sendable {
    /// Records one action of `account` (a download, an export).
    func recordAudit(_ action: String, object: String, by account: AccountRecord) async throws
    /// The entries newest first, `limit` of them after skipping `offset`.
    func auditLog(limit: Int, offset: Int) async throws -> [AuditEntry]
    /// How many entries the log has.
    func auditCount() async throws -> Int
}
