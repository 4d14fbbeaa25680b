import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit
@testable import TerritorioPostGIS
@testable import TerritorioStore

/// `territorio copy`: a whole database moves between backends (file → PostGIS → file, file →
/// file) with every table, ids and all; what cannot be taken stops the copy, and a failed copy
/// leaves the target empty.
@Suite("Copying a whole database")
struct DatabaseCopyTests {
    static let header = "municipality,needs,urgency,meta/instanceID,meta/deprecatedID,_uuid,_submission_time,end\n"
    static let original = "006114,food,low,uuid:a0,,a0,2026-09-01T10:00:00,2026-09-01T11:59:00+02:00\n"
    static let edited = "006114,food,high,uuid:a1,uuid:a0,a1,2026-09-01T10:00:00,2026-09-03T09:00:00+02:00\n"
    static let unknownPlace = "999999,food,low,uuid:q0,,q0,2026-09-02T10:00:00,2026-09-02T11:00:00+02:00\n"

    /// The demo (territory, directory and its history, rounds, sessions, sample surveys) plus a
    /// second version of a submission, a quarantined row and an account with its audit entry.
    static func richStore(accounts: Bool) throws -> Store {
        let samples = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)
        let store = try PostGISSurveyTests.localDemo(samples: samples)
        for (name, rows) in [("v1.csv", original), ("v2.csv", edited + unknownPlace)] {
            _ = try SurveyIngest.ingest(path: try Fixture.file(name, header + rows), into: store)
        }
        if accounts {
            try store.addAccount(name: "anna", organisation: "Consorzio", role: .operator, passwordHash: "$2b$x")
        }
        return store
    }

    /// Rows per table of `store`, as the copy counts them.
    static func counts(_ store: any TableCopyStore) async throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try await DatabaseCopy.contents(store).map { ($0.table, $0.rows.count) })
    }

    /// The contents of two stores are the same, table by table and row by row (a column NULL in
    /// every row counts as absent: PostGIS has no batch.account_id yet).
    static func expectSameContents(_ a: any TableCopyStore, _ b: any TableCopyStore) async throws {
        let x = try await DatabaseCopy.contents(a).map(DatabaseCopy.withoutEmptyColumns)
        let y = try await DatabaseCopy.contents(b).map(DatabaseCopy.withoutEmptyColumns)
        #expect(x.map(\.table) == y.map(\.table))
        for (p, q) in zip(x, y) {
            #expect(p.columns == q.columns, "\(p.table)")
            #expect(p.rows == q.rows, "\(p.table)")
        }
    }

    @Test("file → file: every table with its rows and ids, the same digest on both sides")
    func fileToFile() async throws {
        let source = try Self.richStore(accounts: true)
        let target = try Fixture.store()
        let report = try await DatabaseCopy.copy(from: source, to: target)
        let counts = try await Self.counts(source)
        for table in [
            "municipality", "service", "category", "service_category", "import_log", "batch", "submission",
            "need_report", "submission_archive", "quarantine", "survey_round", "service_history", "session",
            "organisation", "account", "audit_log"
        ] {
            #expect((counts[table] ?? 0) > 0, "\(table) has rows in the source")
        }
        #expect(report.tables.map(\.name) == CopyTable.all.map(\.name).filter { counts[$0] != nil })
        #expect(report.tables.allSatisfy { counts[$0.name] == $0.rows })
        #expect(report.digest == (try await DatabaseCopy.digest(source)))
        #expect(report.digest == (try await DatabaseCopy.digest(target)))
        try await Self.expectSameContents(source, target)
        // The copy answers like the source.
        #expect(try target.quarantinedRows().map(\.reasons) == (try source.quarantinedRows()).map(\.reasons))
        #expect(try PostGISSurveyTests.syncReport(target) == (try PostGISSurveyTests.syncReport(source)))
    }

    @Test("a copy into a database that holds data is refused, and writes nothing")
    func intoNonEmpty() async throws {
        let source = try Self.richStore(accounts: false)
        let target = try Fixture.store()
        _ = try await target.importCategories(try source.categories(), source: "c.csv")
        let before = try await DatabaseCopy.digest(target)
        let error = await #expect(throws: InputError.self) { try await DatabaseCopy.copy(from: source, to: target) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("not empty (table import_log)"))
        #expect(try await DatabaseCopy.digest(target) == before)
    }

    @Test("a table the copy does not know, holding rows, stops it before anything is written")
    func unknownTable() async throws {
        let source = try Fixture.demoStore()
        try source.write {
            try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)")
            try $0.execute(sql: "INSERT INTO notes VALUES (1, 'x')")
        }
        let target = try Fixture.store()
        let error = await #expect(throws: InputError.self) { try await DatabaseCopy.copy(from: source, to: target) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("notes"))
        #expect(try await Self.counts(target).isEmpty)
    }

    @Test("a copy that fails half-way leaves the target empty")
    func failureWritesNothing() async throws {
        let source = try Self.richStore(accounts: false)
        let target = try Fixture.store()
        try target.write {
            try $0.execute(
                sql: "CREATE TRIGGER refuse BEFORE INSERT ON quarantine BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        await #expect(throws: (any Error).self) { try await DatabaseCopy.copy(from: source, to: target) }
        #expect(try await Self.counts(target).isEmpty, "municipalities, batches… were rolled back too")
    }

    @Test("a value the target changes while writing is caught by the digest before the commit: nothing is kept")
    func changedValueWritesNothing() async throws {
        let source = try Self.richStore(accounts: false)
        let target = try Fixture.store()
        try target.write {
            try $0.execute(
                sql: """
                    CREATE TRIGGER alter_note AFTER INSERT ON survey_round
                    BEGIN UPDATE survey_round SET note = 'changed' WHERE name = NEW.name; END
                    """)
        }
        await #expect {
            try await DatabaseCopy.copy(from: source, to: target)
        } throws: { error in
            "\(error)".contains(Messages.text("pgcopy.digest_mismatch"))
        }
        #expect(try await Self.counts(target).isEmpty, "the whole copy was rolled back")
    }
}
