import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit

/// The ledger requirements the web app's features added (a day's batch reused, the audit entry
/// in the ingest's transaction) on both backends. (The SpatiaLite audit entry of an upload is
/// checked by the server's `UploadTests`.)
@Suite("Submission ledgers")
struct SubmissionLedgerTests {
    /// Adds `rows` rows to the batch of `file`, reusing it when it exists; returns the batch and
    /// the rows it held before.
    static func addRows(_ rows: Int, file: String, to store: any SurveyStore) async throws -> (Int64, Int) {
        try await store.ingestSession { ledger in
            let found = try ledger.batch(file: file, sha256: "sha-\(file)", form: "user")
            let id =
                try found?.id
                ?? ledger.addBatch(
                    file: file, sha256: "sha-\(file)", form: "user", dialect: "web", droppedColumns: "[]")
            try ledger.addToBatch(id, rows: rows, accepted: rows, duplicates: 0, conflicts: 0, rejected: 0)
            return ((id, found?.rows ?? 0), commit: true)
        }
    }

    /// A reused batch keeps its id, and its counts add up.
    static func checkReuse(_ store: any SurveyStore) async throws {
        let (first, before) = try await addRows(2, file: "web: 2026-11-26", to: store)
        #expect(before == 0)
        let (again, held) = try await addRows(1, file: "web: 2026-11-26", to: store)
        #expect(again == first)
        #expect(held == 2)
        let (other, _) = try await addRows(1, file: "web: 2026-11-27", to: store)
        #expect(other != first)
        let (_, total) = try await addRows(0, file: "web: 2026-11-26", to: store)
        #expect(total == 3)
    }

    @Test("SpatiaLite: a reused batch keeps its id and adds up its rows")
    func reuseSpatiaLite() async throws {
        try await Self.checkReuse(try Fixture.demoStore())
    }

    @Test("PostGIS: a reused batch keeps its id and adds up its rows")
    func reusePostGIS() async throws {
        try await Self.checkReuse(try await TestPostgres.freshStore())
    }

    @Test("PostGIS: an ingest's audit entry names its account, which claims the batch; an unknown one keeps nothing")
    func auditOnPostGIS() async throws {
        let store = try await PostGISSurveyTests.demoPostGIS()
        let sample = Fixture.root.appendingPathComponent("Surveys/samples/kobo-user.csv").path
        do {
            let options = SurveyIngest.Options(audit: (account: 999, action: "survey.upload"))
            _ = try await SurveyIngest.ingest(path: sample, into: store, options: options)
            Issue.record("an audit entry for an account that does not exist should have failed")
        } catch {
            #expect("\(error)".contains("nothing of it was kept"))
        }
        #expect(try await store.summary().batches == 0)
        let account = try await store.addAccount(
            name: "op", organisation: "CSP", role: .operator, passwordHash: "h", by: nil)
        let options = SurveyIngest.Options(audit: (account: account.id, action: "survey.upload"))
        let (summary, _) = try await SurveyIngest.ingest(path: sample, into: store, options: options)
        let entry = try #require(try await store.auditLog(limit: 1, offset: 0).first)
        #expect(
            entry.account == "op" && entry.action == "survey.upload" && entry.object == "batch \(summary.batch ?? 0)")
        let rejected = try await store.quarantinedRows(batch: nil, visibleTo: nil).count
        #expect(try await store.quarantinedRows(batch: nil, visibleTo: "CSP").count == rejected)
        #expect(try await store.quarantinedRows(batch: nil, visibleTo: "Caritas").isEmpty)
        #expect(try await store.summary().batches == 1)
    }
}
