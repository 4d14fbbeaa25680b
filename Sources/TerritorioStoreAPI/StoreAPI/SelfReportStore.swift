import TerritorioCore
import TerritorioIO

/// The review queue of self-reports: kept apart from the submissions (no report counts them)
/// until an operator accepts one (through the ingest writer, ``SelfReportLedger``) or discards it.
/// See ``DirectoryStore`` for the role of these protocols.
public protocol SelfReportStore: Sendable {
    /// Queues a checked self-report, its arrival audited without account or answers; returns its number.
    @discardableResult
    func addSelfReport(_ submission: Submission) async throws -> Int64
    /// The self-reports waiting for review, oldest first.
    func pendingSelfReports() async throws -> [SelfReport]
    /// The pending self-report `id`, or nil.
    func pendingSelfReport(_ id: Int64) async throws -> SelfReport?
    /// Deletes the pending self-report `id`, audited; false when none is pending.
    @discardableResult
    func discardSelfReport(_ id: Int64, by account: AccountRecord) async throws -> Bool
}
