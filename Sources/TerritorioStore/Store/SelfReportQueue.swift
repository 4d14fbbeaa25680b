import Foundation
import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The review queue of self-reports: pending entries are kept apart from the submissions, so
/// that no report, analysis or export counts them; accepting one goes through the ingest writer.
extension Store {
    /// Queues a checked self-report; returns its number. The audit log records the arrival
    /// (no account, no answers).
    @discardableResult
    public func addSelfReport(_ submission: Submission) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO self_report (content) VALUES (?)", arguments: [JSONOutput.line(submission)])
            let id = db.lastInsertedRowID
            try Self.audit(db, account: nil, action: "self-report.receive", object: "self-report \(id)")
            return id
        }
    }

    /// The self-reports waiting for review, oldest first.
    public func pendingSelfReports() throws -> [SelfReport] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, received_on, content FROM self_report WHERE status = 'pending' ORDER BY id"
            ).map { row in
                let content: String = row[2]
                return SelfReport(
                    id: row[0], receivedOn: row[1],
                    submission: try JSONDecoder().decode(Submission.self, from: Data(content.utf8)))
            }
        }
    }

    /// The pending self-report `id`, or nil.
    public func pendingSelfReport(_ id: Int64) throws -> SelfReport? {
        try pendingSelfReports().first { $0.id == id }
    }

    /// Discards the pending self-report `id` (deleted; the audit log keeps only its number).
    /// Returns false when no such report is pending.
    @discardableResult
    public func discardSelfReport(_ id: Int64, by account: AccountRecord) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM self_report WHERE id = ? AND status = 'pending'", arguments: [id])
            guard db.changesCount == 1 else { return false }
            try Self.audit(db, account: account.id, action: "self-report.discard", object: "self-report \(id)")
            return true
        }
    }
}
