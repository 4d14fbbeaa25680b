import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Survey ingestion")
struct SurveyIngestTests {
    /// Runs the sample generator into a fresh folder.
    static func generate(_ arguments: [String]) throws -> URL {
        let directory = try Fixture.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", Fixture.root.appendingPathComponent("Surveys/samples/generate.py").path, "--out",
                directory.path
            ] + arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "generate.py failed")
        return directory
    }

    /// The stored answers, without ids, times or provenance, as sorted lines.
    static func answers(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.form || '|' || s.municipality_code || '|' || ifnull(printf('%.6f,%.6f', Y(s.geom), X(s.geom)), '') || '|' ||
                           ifnull(s.urgency, '') || '|' || s.barriers || '|' || s.languages || '|' || ifnull(s.household_size, '') || '|' ||
                           ifnull(s.age_group, '') || '|' ||
                           (SELECT group_concat(category_code, ' ') FROM (SELECT category_code FROM need_report n WHERE n.submission_uuid = s.uuid ORDER BY 1))
                    FROM submission s
                    """
            ).sorted()
        }
    }

    @Test("the Kobo, ODK and paper exports of the same people store the same answers")
    func sameAnswersAcrossDialects() throws {
        let folder = try Self.generate(["--same-people", "30"])
        var results: [String: [String]] = [:]
        for name in ["kobo-user.csv", "odk-user.csv", "paper-user.csv"] {
            let store = try Fixture.demoStore()
            let (summary, _) = try SurveyIngest.ingest(path: folder.appendingPathComponent(name).path, into: store)
            #expect(summary.accepted == 30 && summary.rejected == 0, "\(name): \(summary.rejections.prefix(3))")
            results[name] = try Self.answers(store)
        }
        #expect(results["kobo-user.csv"]!.count == 30)
        #expect(results["kobo-user.csv"] == results["odk-user.csv"])
        #expect(results["kobo-user.csv"] == results["paper-user.csv"])
    }

    @Test("the dialects and forms are recognised by themselves")
    func recognition() throws {
        let store = try Fixture.demoStore()
        let samples = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)
        let found = try samples.map { path -> (SurveyColumns.Dialect, SurveyForm.Kind) in
            let (s, _) = try SurveyIngest.ingest(path: path, into: store, options: .init(dryRun: true))
            return (s.dialect, s.form)
        }
        #expect(found.map(\.0) == [.kobo, .odk, .paper])
        #expect(found.map(\.1) == [.user, .operator, .user])
    }

    @Test("re-ingesting an export adds nothing; an overlapping later export adds only its new rows")
    func reingest() throws {
        let store = try Fixture.demoStore()
        let kobo = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)[0]
        let lines = try String(contentsOfFile: kobo, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0]
        let body = lines.dropFirst().filter { !$0.isEmpty }
        #expect(body.count == 160)
        let first = try Fixture.file("first.csv", ([header] + body.prefix(100)).joined(separator: "\n") + "\n")
        let later = try Fixture.file("later.csv", ([header] + body.suffix(110)).joined(separator: "\n") + "\n")
        #expect(try SurveyIngest.ingest(path: first, into: store).0.accepted == 100)
        let again = try SurveyIngest.ingest(path: first, into: store).0
        #expect(again.accepted == 0 && again.duplicates == 100)
        let overlap = try SurveyIngest.ingest(path: later, into: store).0
        #expect(overlap.accepted == 60 && overlap.duplicates == 50)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM submission") } == 160)
    }

    @Test("the same UUID with different answers is a conflict: the newer is kept, the older archived")
    func conflict() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,_uuid,_submission_time"
        let older = try Fixture.file("a.csv", "\(header)\n006114,food,low,uuid:u-1,u-1,2026-09-01T10:00:00\n")
        let newer = try Fixture.file("b.csv", "\(header)\n006114,food housing,high,uuid:u-1,u-1,2026-09-05T10:00:00\n")
        #expect(try SurveyIngest.ingest(path: newer, into: store).0.accepted == 1)
        let late = try SurveyIngest.ingest(path: older, into: store).0
        #expect(late.conflicts == 1 && late.conflictUUIDs == ["u-1"] && late.accepted == 0)
        let stored = try store.read {
            try String.fetchOne($0, sql: "SELECT urgency FROM submission WHERE uuid = 'u-1'")
        }
        #expect(stored == "high", "the newer version stays")
        let archived = try store.read {
            try String.fetchAll($0, sql: "SELECT content FROM submission_archive WHERE uuid = 'u-1'")
        }
        #expect(archived.count == 1 && archived[0].contains("\"low\""), "the older version is archived")

        let newest = try Fixture.file("c.csv", "\(header)\n006114,food,medium,uuid:u-1,u-1,2026-09-09T10:00:00\n")
        #expect(try SurveyIngest.ingest(path: newest, into: store).0.conflicts == 1)
        #expect(
            try store.read { try String.fetchOne($0, sql: "SELECT urgency FROM submission WHERE uuid = 'u-1'") }
                == "medium")
        #expect(
            try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM submission_archive WHERE uuid = 'u-1'") }
                == 2)
        #expect(
            try store.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM need_report WHERE submission_uuid = 'u-1'")
            } == 1)
    }

    @Test("identity-like columns never reach the database, not even for quarantined rows")
    func identityColumnsDropped() throws {
        let directory = try Fixture.temporaryDirectory()
        let database = directory.appendingPathComponent("t.sqlite").path
        let store = try Store.open(at: database)
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        let secrets = [
            "Mario Rossi-Zeta", "Rossi-Zetasurname", "+39 333 1234567", "mario.zeta@example.org", "RSSMRA80A01F965X",
            "Via Segreta 13", "imei:356938035643809", "operatore_segreto", "dorme in macchina con i figli"
        ]
        let header =
            "nome,cognome,telefono,email,codice_fiscale,indirizzo,deviceid,_submitted_by,note,municipality,needs,urgency,meta/instanceID,_uuid"
        let row1 = secrets.map { "\"\($0)\"" }.joined(separator: ",") + ",006114,food,high,uuid:s-1,s-1"
        let row2 = secrets.map { "\"\($0)\"" }.joined(separator: ",") + ",006114,nonsense,high,uuid:s-2,s-2"
        let path = try Fixture.file("ids.csv", header + "\n" + row1 + "\n" + row2 + "\n")
        let (summary, rejected) = try SurveyIngest.ingest(path: path, into: store)
        #expect(summary.accepted == 1 && summary.rejected == 1)
        #expect(
            Set(summary.droppedColumns) == [
                "nome", "cognome", "telefono", "email", "codice_fiscale", "indirizzo", "deviceid", "_submitted_by",
                "note"
            ])
        #expect(!rejected.header.contains("nome"))
        try store.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: database + "-wal")) { bytes += wal }
        for secret in secrets {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) reached the database")
        }
        #expect(!(try rejected.csv()).contains("Mario"))
    }

    @Test("a dry run checks everything and writes nothing")
    func dryRun() throws {
        let store = try Fixture.demoStore()
        let before = try Fixture.snapshot(store)
        let (summary, _) = try SurveyIngest.ingest(
            path: EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)[0], into: store, options: .init(dryRun: true))
        #expect(summary.accepted == 160 && summary.batch == nil && summary.dryRun)
        #expect(try Fixture.snapshot(store) == before)
        #expect(
            try store.read {
                try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM submission) + (SELECT count(*) FROM batch)")
            } == 0)
    }

    @Test("operator caseloads: numbers per category, not-satisfied at most received, period in order")
    func operatorRows() throws {
        let store = try Fixture.demoStore()
        let header =
            "organization,municipality,period_start,period_end,requests_food,unmet_food,requests_housing,unmet_housing,meta-instanceID,SubmissionDate"
        let text =
            header + "\n" + "Caritas,006114,2026-01-01,2026-06-30,40,10,5,0,uuid:o-1,2026-07-01T10:00:00.000Z\n"
            + "Caritas,006114,2026-01-01,2026-06-30,4,10,,,uuid:o-2,2026-07-01T10:00:00.000Z\n"
            + "Caritas,006114,2026-06-30,2026-01-01,4,1,,,uuid:o-3,2026-07-01T10:00:00.000Z\n"
            + "Caritas,006114,2026-01-01,2026-06-30,,,,,uuid:o-4,2026-07-01T10:00:00.000Z\n"
        let (summary, _) = try SurveyIngest.ingest(path: try Fixture.file("op.csv", text), into: store)
        #expect(summary.form == .operator && summary.dialect == .odk)
        #expect(summary.accepted == 1 && summary.rejected == 3)
        let reasons = summary.rejections.map { $0.messages.joined(separator: "; ") }
        #expect(reasons[0].contains("unmet_food: 10 requests not satisfied is more than the 4 received"))
        #expect(reasons[1].contains("period_end: 2026-01-01 comes before period_start 2026-06-30"))
        #expect(reasons[2].contains("no requests given"))
        let stored = try store.read {
            try Row.fetchAll($0, sql: "SELECT category_code, requests, unmet FROM need_report ORDER BY 1")
        }
        #expect(
            stored.count == 2 && stored[0][0] as String == "food" && stored[0][1] as Int == 40
                && stored[0][2] as Int == 10)
    }

    @Test("rejected rows of files with different columns all reach the --rejected file, one column per question")
    func rejectedRowsMerge() throws {
        var first = RejectedRows(
            form: .user, dialect: .kobo, header: ["municipality", "situazione/needs"],
            roles: [.field("municipality"), .field("needs")])
        first.rows = [.init(row: 2, values: ["006114", "fod"], reasons: ["needs: bad"], token: "t1")]
        var second = RejectedRows(
            form: .user, dialect: .kobo, header: ["needs", "urgency"],
            roles: [.field("needs"), .field("urgency")])
        second.rows = [.init(row: 5, values: ["food", "urgentissimo"], reasons: ["urgency: bad"], token: nil)]
        first.append(second)
        #expect(first.header == ["municipality", "situazione/needs", "urgency"])
        #expect(first.rows.map(\.values) == [["006114", "fod", ""], ["", "food", "urgentissimo"]])
        #expect(first.rows.map(\.row) == [2, 5])
    }

    @Test("rejected rows of a Kobo and an ODK export of one form merge under names both recognise")
    func rejectedRowsMergeAcrossDialects() throws {
        var kobo = RejectedRows(
            form: .user, dialect: .kobo, header: ["situazione/needs", "meta/instanceID"],
            roles: [.field("needs"), .meta(.instanceID)])
        kobo.rows = [.init(row: 2, values: ["fod", "uuid:a"], reasons: ["x"], token: nil)]
        var odk = RejectedRows(
            form: .user, dialect: .odk, header: ["grp-needs", "grp-urgency", "meta-instanceID"],
            roles: [.field("needs"), .field("urgency"), .meta(.instanceID)])
        odk.rows = [.init(row: 3, values: ["food", "urgentissimo", "uuid:b"], reasons: ["y"], token: nil)]
        kobo.append(odk)
        #expect(kobo.header == ["needs", "meta/instanceID", "urgency"])
        #expect(kobo.rows.map(\.values) == [["fod", "uuid:a", ""], ["food", "uuid:b", "urgentissimo"]])
    }
}
