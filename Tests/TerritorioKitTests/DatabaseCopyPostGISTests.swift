import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit
@testable import TerritorioPostGIS
@testable import TerritorioStore

/// `territorio copy` to a PostGIS server and back: the same rows, the same digest, the same reports.
@Suite("Copying a whole database through PostGIS")
struct DatabaseCopyPostGISTests {
    @Test("file → PostGIS → file: identical tables and digest; reports give the same bytes from all three")
    func thereAndBack() async throws {
        _ = try TestPostgres.server()
        let local = try DatabaseCopyTests.richStore(accounts: false)
        let server = try await TestPostgres.freshStore()
        let there = try await DatabaseCopy.copy(from: local, to: server)
        let back = try Fixture.store()
        let report = try await DatabaseCopy.copy(from: server, to: back)
        #expect(report == there)
        let counts = try await DatabaseCopyTests.counts(local)
        #expect(counts["submission_archive"] == 1 && counts["quarantine"] == 1)
        #expect((counts["survey_round"] ?? 0) >= 2 && (counts["session"] ?? 0) > 0)
        #expect(there.digest == (try await DatabaseCopy.digest(local)))
        try await DatabaseCopyTests.expectSameContents(local, back)
        try await DatabaseCopyTests.expectSameContents(local, server)
        try await Self.sameOutputs(local, server, back)
        // Generated ids go on after the copied ones: a new ingest on the server adds a batch.
        let batches = try await server.summary().batches
        let row = "006114,food,low,uuid:n0,,n0,2026-09-05T10:00:00,2026-09-05T11:00:00+02:00\n"
        let more = try Fixture.file("more.csv", DatabaseCopyTests.header + row)
        _ = try await SurveyIngest.ingest(path: more, into: server)
        #expect(try await server.summary().batches == batches + 1)
    }

    /// The gap report, the needs export and the change report from each store.
    static func sameOutputs(_ stores: StoreOpener.CommandStore...) async throws {
        var reports: [String] = []
        var needs: [Data] = []
        var changes: [String] = []
        let root = try Fixture.temporaryDirectory()
        for (i, store) in stores.enumerated() {
            let analysis = GapAnalysis(inputs: try await store.gapInputs(costs: nil), config: .standard)
            let gap = try await RoundAnalysis.report(analysis, store: store)
            reports.append(try gap.geoJSON(shapes: try await store.consortiumShapes(), timestamp: nil, costsFile: nil))
            let path = root.appendingPathComponent("needs-\(i).csv").path
            try await ResearchExport.needs(from: store, config: .standard, format: .csv, to: path)
            needs.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            let rounds = try await store.rounds()
            let change = try await ChangeReport.make(
                reading: store, from: rounds[0].name, to: rounds[1].name, config: .standard)
            changes.append(try change.csv())
        }
        #expect(Set(reports).count == 1 && reports[0].contains("\"survey user: "))
        #expect(Set(needs).count == 1 && needs[0].count > 100)
        #expect(Set(changes).count == 1)
    }

    @Test("PostGIS: a copy that fails half-way leaves the server database empty")
    func failureWritesNothing() async throws {
        _ = try TestPostgres.server()
        let local = try DatabaseCopyTests.richStore(accounts: false)
        let server = try await TestPostgres.freshStore()
        try await server.write { try await $0.run("ALTER TABLE quarantine ADD CONSTRAINT refuse CHECK (false)") }
        await #expect(throws: (any Error).self) { try await DatabaseCopy.copy(from: local, to: server) }
        #expect(try await DatabaseCopyTests.counts(server).isEmpty)
    }

    @Test("PostGIS: a value the server changes while writing is caught by the digest before the commit")
    func changedValueWritesNothing() async throws {
        _ = try TestPostgres.server()
        let local = try DatabaseCopyTests.richStore(accounts: false)
        let server = try await TestPostgres.freshStore()
        try await server.write {
            try await $0.run(
                """
                CREATE FUNCTION alter_note() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN NEW.note := 'changed'; RETURN NEW; END $$
                """)
            try await $0.run(
                "CREATE TRIGGER alter_note BEFORE INSERT ON survey_round FOR EACH ROW EXECUTE FUNCTION alter_note()")
        }
        await #expect {
            try await DatabaseCopy.copy(from: local, to: server)
        } throws: { error in
            "\(error)".contains(Messages.text("pgcopy.digest_mismatch"))
        }
        #expect(try await DatabaseCopyTests.counts(server).isEmpty, "the whole copy was rolled back")
    }

    @Test("accounts, organisations, the audit log and self-reports on a file move to PostGIS with the rest")
    func accounts() async throws {
        _ = try TestPostgres.server()
        let server = try await TestPostgres.freshStore()
        let local = try DatabaseCopyTests.richStore(accounts: true)
        #expect(try await server.copyTables()["account"] != nil)
        let report = try await DatabaseCopy.copy(from: local, to: server)
        #expect(report.digest == (try await DatabaseCopy.digest(local)))
        #expect((try await DatabaseCopyTests.counts(server)["account"] ?? 0) > 0)
        try await DatabaseCopyTests.expectSameContents(local, server)
    }
}
