import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The review queue of self-reports on PostGIS: pending entries apart from the submissions,
/// so that no report, analysis or export counts them.
extension PostGISStore: SelfReportStore {
    @discardableResult
    public func addSelfReport(_ submission: Submission) async throws -> Int64 {
        let content = try JSONOutput.line(submission)
        return try await write { db in
            let id = try await db.column(
                "INSERT INTO self_report (content) VALUES (\(content)) RETURNING id", as: Int64.self)[0]
            try await db.audit(nil, "self-report.receive", "self-report \(id)")
            return id
        }
    }

    public func pendingSelfReports() async throws -> [SelfReport] {
        try await read { db in
            try await db.rows("SELECT id, received_on, content FROM self_report WHERE status = 'pending' ORDER BY id")
                .map { row in
                    SelfReport(
                        id: try row[0].decode(Int64.self), receivedOn: try row[1].decode(String.self),
                        submission: try JSONDecoder().decode(
                            Submission.self, from: Data(try row[2].decode(String.self).utf8)))
                }
        }
    }

    public func pendingSelfReport(_ id: Int64) async throws -> SelfReport? {
        try await pendingSelfReports().first { $0.id == id }
    }

    @discardableResult
    public func discardSelfReport(_ id: Int64, by account: AccountRecord) async throws -> Bool {
        try await write { db in
            let gone = try await db.rows(
                "DELETE FROM self_report WHERE id = \(id) AND status = 'pending' RETURNING id")
            guard gone.count == 1 else { return false }
            try await db.audit(account.id, "self-report.discard", "self-report \(id)")
            return true
        }
    }
}
