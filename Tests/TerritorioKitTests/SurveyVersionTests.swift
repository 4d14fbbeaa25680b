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

/// Paper questionnaires keyed by their source, versions of Kobo/ODK submissions ordered by
/// their own markers and times, files ingested twice, and rows out of scope (issue 12).
@Suite("Survey ingestion: versions, paper sources and scope")
struct SurveyVersionTests {
    static let paper = "questionnaire_id,source,date,municipality,needs,urgency\n"

    static func count(_ store: Store, _ sql: String) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    static func urgency(_ store: Store, _ uuid: String) throws -> String? {
        try store.read {
            try String.fetchOne($0, sql: "SELECT urgency FROM submission WHERE uuid = ?", arguments: [uuid])
        }
    }

    static func ingest(_ path: String, _ store: Store, _ policy: IngestPolicy = .init()) throws -> IngestSummary {
        try SurveyIngest.ingest(path: path, into: store, options: .init(policy: policy)).0
    }

    /// Ingests each body (after `header`) as its own file, in order.
    static func ingestEach(_ bodies: [String], header: String, into store: Store) throws -> [IngestSummary] {
        try bodies.enumerated().map { i, body in try ingest(try Fixture.file("export-\(i).csv", header + body), store) }
    }

    /// The first message of the first note in `notes`.
    static func first(_ notes: [IngestSummary.RowNote]) -> String { notes.first?.messages.first ?? "" }

    /// The demo store plus two municipalities outside the consortium (squares far from it).
    static func storeWithNeighbours() throws -> Store {
        let store = try Fixture.demoStore()
        try store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO municipality (code, name, province, in_consortium, geom) VALUES
                    ('006003', 'Alessandria', 'AL', 0, CastToMultiPolygon(GeomFromText(
                        'POLYGON((8.50 44.93, 8.62 44.93, 8.62 44.99, 8.50 44.99, 8.50 44.93))', 4326))),
                    ('001272', 'Torino', 'TO', 0, CastToMultiPolygon(GeomFromText(
                        'POLYGON((7.60 45.00, 7.72 45.00, 7.72 45.11, 7.60 45.11, 7.60 45.00))', 4326)))
                    """)
        }
        return store
    }

    // MARK: Paper questionnaires

    @Test("two organisations' P-0001 are two questionnaires, both kept")
    func paperNumbersPerSource() throws {
        let store = try Fixture.demoStore()
        let caritas = try Fixture.file("caritas.csv", Self.paper + "P-0001,Caritas,2026-10-01,006114,food,high\n")
        let mensa = try Fixture.file(
            "mensa.csv",
            Self.paper + "P-0001,Mensa San Vincenzo,2026-10-02,006114,housing,low\n")
        let first = try Self.ingest(caritas, store)
        let second = try Self.ingest(mensa, store)
        #expect(first.accepted == 1 && second.accepted == 1 && second.conflicts == 0 && second.rejected == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM submission") == 2)
        #expect(try Self.urgency(store, "paper/caritas/p-0001") == "high")
        #expect(try Self.urgency(store, "paper/mensa-san-vincenzo/p-0001") == "low")
        #expect(try Self.count(store, "SELECT count(*) FROM submission_archive") == 0)
    }

    @Test("a paper number stored with other answers is rejected, naming both rows; --correction replaces it")
    func paperConflictRejected() throws {
        let store = try Fixture.demoStore()
        let first = try Fixture.file("caritas.csv", Self.paper + "P-0001,Caritas,2026-10-01,006114,food,high\n")
        let second = try Fixture.file(
            "caritas-2.csv",
            Self.paper
                + "P-0002,Caritas,2026-10-03,006114,food,low\nP-0001,caritas,2026-10-03,006114,health,medium\n")
        _ = try Self.ingest(first, store)
        let (summary, rejected) = try SurveyIngest.ingest(path: second, into: store)
        #expect(summary.accepted == 1 && summary.rejected == 1 && summary.conflicts == 0)
        let message = try #require(summary.rejections.first { $0.row == 3 }?.messages.first)
        #expect(message.contains("questionnaire_id: P-0001 of \"caritas\" is already stored with other answers"))
        #expect(message.contains("caritas.csv, row 2") && message.contains("caritas-2.csv, row 3"), "\(message)")
        #expect(message.contains("--correction"))
        #expect(rejected.rows.map(\.row) == [3])
        #expect(try Self.urgency(store, "paper/caritas/p-0001") == "high", "the stored questionnaire is untouched")
        #expect(try Self.count(store, "SELECT count(*) FROM submission_archive") == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM quarantine") == 1)

        let corrected = try Self.ingest(second, store, IngestPolicy(correction: true))
        #expect(corrected.conflicts == 1 && corrected.rejected == 0 && corrected.duplicates == 1)
        #expect(Self.first(corrected.conflictNotes).contains("corrected: replaced the version from"))
        #expect(try Self.urgency(store, "paper/caritas/p-0001") == "medium")
        let archived = try store.read { try String.fetchAll($0, sql: "SELECT content FROM submission_archive") }
        #expect(archived.count == 1 && archived[0].contains("\"high\""))
    }

    @Test("a correction_of column corrects one questionnaire; correcting one never stored is rejected")
    func correctionColumn() throws {
        let store = try Fixture.demoStore()
        let stored = try Fixture.file("a.csv", Self.paper + "P-0001,Caritas,2026-10-01,006114,food,high\n")
        _ = try Self.ingest(stored, store)
        let header = "questionnaire_id,correction_of,source,date,municipality,needs,urgency\n"
        let fix = try Fixture.file(
            "fix.csv",
            header
                + ",P-0001,Caritas,2026-10-01,006114,food,low\n,P-0099,Caritas,2026-10-01,006114,food,low\n")
        let summary = try Self.ingest(fix, store)
        #expect(summary.conflicts == 1 && summary.rejected == 1)
        #expect(try Self.urgency(store, "paper/caritas/p-0001") == "low")
        let expected = "correction_of: no questionnaire P-0099 of \"Caritas\" is stored"
        #expect(Self.first(summary.rejections).contains(expected))
    }

    @Test("one paper number twice in a file with different answers: the second is rejected")
    func paperTwiceInOneFile() throws {
        let store = try Fixture.demoStore()
        let text =
            Self.paper + "P-0003,Caritas,2026-10-01,006114,food,high\n"
            + "P-0003,Caritas,2026-10-01,006114,food,low\n"
        let summary = try Self.ingest(try Fixture.file("twice.csv", text), store, IngestPolicy(correction: true))
        #expect(summary.accepted == 1 && summary.rejected == 1)
        #expect(Self.first(summary.rejections).contains("appears twice in this file"))
        #expect(try Self.urgency(store, "paper/caritas/p-0003") == "high")
    }

    @Test("paper questionnaires of the operator survey are numbered within their organization")
    func operatorPaperPerOrganization() throws {
        let store = try Fixture.demoStore()
        let header = "questionnaire_id,date,organization,municipality,period_start,period_end,requests_food\n"
        let text =
            header + "Q-1,2026-10-01,Caritas,006114,2026-01-01,2026-06-30,4\n"
            + "Q-1,2026-10-01,Mensa San Vincenzo,006114,2026-01-01,2026-06-30,9\n"
        let summary = try Self.ingest(try Fixture.file("operators.csv", text), store)
        #expect(summary.accepted == 2 && summary.rejected == 0 && summary.form == .operator)
        #expect(try Self.count(store, "SELECT count(*) FROM submission WHERE uuid LIKE 'paper/%/q-1'") == 2)
    }

    @Test("paper questionnaires of the user survey need their source; --source gives it for a whole file")
    func paperNeedsSource() throws {
        let store = try Fixture.demoStore()
        let path = try Fixture.file(
            "nosource.csv",
            "questionnaire_id,date,municipality,needs,urgency\n"
                + "P-0001,2026-10-01,006114,food,high\n")
        #expect { try SurveyIngest.ingest(path: path, into: store) } throws: {
            "\($0)".contains("need a 'source' column")
        }
        #expect(try Self.ingest(path, store, IngestPolicy(source: "Caritas")).accepted == 1)
        #expect(try Self.urgency(store, "paper/caritas/p-0001") == "high")
        let blank = try Fixture.file("blank.csv", Self.paper + "P-0002,,2026-10-01,006114,food,high\n")
        #expect(Self.first(try Self.ingest(blank, store).rejections).hasPrefix("source: missing"))
    }

    // MARK: Versions of Kobo/ODK submissions

    @Test("ODK: an edited submission keeps its KEY; the older export ingested after it changes nothing")
    func odkEdits() throws {
        let store = try Fixture.demoStore()
        let header = "SubmissionDate,municipality,needs,urgency,meta-instanceID,KEY,Edits\n"
        let summaries = try Self.ingestEach(
            [
                "2026-09-01T10:00:00.000Z,006114,food housing,high,uuid:v2,uuid:k,1\n",
                "2026-09-01T10:00:00.000Z,006114,food,low,uuid:v1,uuid:k,0\n"
            ],
            header: header, into: store)
        let late = summaries[1]
        #expect(summaries[0].accepted == 1 && late.accepted == 0 && late.conflicts == 1)
        #expect(Self.first(late.conflictNotes).contains("edit count 0 against 1"))
        #expect(try Self.count(store, "SELECT count(*) FROM submission") == 1)
        #expect(try Self.urgency(store, "k") == "high")
    }

    @Test("Kobo: an edit (meta/deprecatedID) replaces the original; the original export again archives nothing")
    func koboEdits() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,meta/deprecatedID,_uuid,_submission_time,end\n"
        let originalRow = "006114,food,low,uuid:a0,,a0,2026-09-01T10:00:00,2026-09-01T11:59:00+02:00\n"
        let editedRow = "006114,food,high,uuid:a1,uuid:a0,a1,2026-09-01T10:00:00,2026-09-03T09:00:00+02:00\n"
        let newRow = "006114,health,medium,uuid:b0,,b0,2026-09-04T10:00:00,2026-09-04T12:00:00+02:00\n"
        let summaries = try Self.ingestEach([originalRow, editedRow, originalRow + newRow], header: header, into: store)
        #expect(summaries[0].accepted == 1 && summaries[1].accepted == 0 && summaries[1].conflicts == 1)
        let again = summaries[2]
        #expect(again.accepted == 1 && again.outdated == 1 && again.conflicts == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM submission") == 2)
        #expect(try Self.urgency(store, "a0") == "high", "the older export does not undo the edit")
        #expect(try Self.count(store, "SELECT count(*) FROM submission_archive") == 1)
    }

    @Test("Kobo: the edit ingested before its original still wins")
    func koboEditFirst() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,meta/deprecatedID,_uuid,_submission_time\n"
        let late = try Self.ingestEach(
            [
                "006114,food,high,uuid:a1,uuid:a0,a1,2026-09-01T10:00:00\n",
                "006114,food,low,uuid:a0,,a0,2026-09-01T10:00:00\n"
            ],
            header: header, into: store)[1]
        #expect(late.conflicts == 1 && late.accepted == 0 && Self.first(late.conflictNotes).contains("deprecatedID"))
        #expect(try Self.urgency(store, "a0") == "high" && Self.count(store, "SELECT count(*) FROM submission") == 1)
    }

    @Test("same submission time and no edit marker: the stored version stays, not the last ingested")
    func undecidedKeepsStored() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,_submission_time\n"
        let b = try Self.ingestEach(
            [
                "006114,food,low,uuid:u-2,2026-09-01T10:00:00\n",
                "006114,food,high,uuid:u-2,2026-09-01T10:00:00\n"
            ], header: header, into: store)[1]
        #expect(b.conflicts == 1 && Self.first(b.conflictNotes).contains("nothing tells which version is newer"))
        #expect(try Self.urgency(store, "u-2") == "low")
    }

    @Test("a file already ingested adds no batch row and no archive row")
    func sameFileTwice() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,_submission_time\n"
        let newer = try Fixture.file("newer.csv", header + "006114,food,high,uuid:u-1,2026-09-05T10:00:00\n")
        let older = try Fixture.file("older.csv", header + "006114,food,low,uuid:u-1,2026-09-01T10:00:00\n")
        _ = try Self.ingest(newer, store)
        let first = try Self.ingest(older, store)
        #expect(try Self.count(store, "SELECT count(*) FROM batch") == 2)
        #expect(try Self.count(store, "SELECT count(*) FROM submission_archive") == 1)
        let again = try Self.ingest(older, store)
        #expect(again.alreadyIngested == first.batch && again.batch == nil)
        #expect(again.notes.first?.contains("already ingested as batch") == true)
        #expect(try Self.count(store, "SELECT count(*) FROM batch") == 2)
        #expect(try Self.count(store, "SELECT count(*) FROM submission_archive") == 1)
        #expect(try Self.urgency(store, "u-1") == "high")
    }

    @Test("times with an offset are compared in UTC")
    func utcTimes() {
        #expect(SurveyTime.parse("2026-09-01T01:30:00.000+02:00") == "2026-08-31T23:30:00")
        #expect(SurveyTime.parse("2026-12-31T23:30:00-01:00") == "2027-01-01T00:30:00")
        #expect(SurveyTime.parse("2026-09-01T10:00:00.000Z") == "2026-09-01T10:00:00")
        #expect(SurveyTime.parse("2026-09-01T10:00:00") == "2026-09-01T10:00:00")
        #expect(SurveyTime.parse("01/09/2026") == "2026-09-01")
        #expect(SurveyTime.parse("2026-09-01T25:00:00") == nil)
        #expect(SurveyTime.adding(days: 366, to: "2026-11-26") == "2027-11-27")
    }

    // MARK: Scope

    @Test("a municipality outside the consortium is rejected, by name or point; --allow-outside keeps it, warning")
    func outsideConsortium() throws {
        let store = try Self.storeWithNeighbours()
        let text =
            "municipality,location,needs,urgency,meta/instanceID\n"
            + "Alessandria,,food,high,uuid:o-1\n,\"45.05 7.65 0 5\",food,high,uuid:o-2\n"
        let path = try Fixture.file("outside.csv", text)
        let summary = try Self.ingest(path, store)
        #expect(summary.accepted == 0 && summary.rejected == 2)
        let reasons = summary.rejections.map { $0.messages.joined(separator: "; ") }
        let outside = "is not one of the consortium's municipalities"
        #expect(reasons[0].contains("municipality: Alessandria (006003) \(outside)"), "\(reasons)")
        #expect(reasons[1].contains("location: Torino (001272) \(outside)"), "\(reasons)")
        #expect(reasons.allSatisfy { $0.contains("--allow-outside") })
        let allowed = try Self.ingest(path, store, IngestPolicy(allowOutside: true))
        #expect(allowed.accepted == 2 && allowed.warnings.count == 2)
        #expect(Self.first(allowed.warnings).contains("outside the consortium; kept (--allow-outside)"))

        let unscoped = try Self.storeWithNeighbours()
        try unscoped.write { try $0.execute(sql: "UPDATE municipality SET in_consortium = 0") }
        let anywhere = try Self.ingest(path, unscoped)
        #expect(anywhere.accepted == 2 && anywhere.warnings.isEmpty, "without a consortium nothing is out of scope")
    }

    @Test("dates in the future are rejected unless --allow-future (up to a year ahead); dates before 2000 always")
    func futureDates() throws {
        let store = try Fixture.demoStore()
        let header = "municipality,needs,urgency,meta/instanceID,_submission_time\n"
        let text =
            header + "006114,food,high,uuid:f-1,2026-12-15T10:00:00\n"
            + "006114,food,high,uuid:f-2,2126-01-01T10:00:00\n"
            + "006114,food,high,uuid:f-3,1900-01-01\n006114,food,high,uuid:f-4,2026-11-20T10:00:00\n"
        let path = try Fixture.file("dates.csv", text)
        let strict = try Self.ingest(path, store, IngestPolicy(today: "2026-11-26"))
        #expect(strict.accepted == 1 && strict.rejected == 3)
        let reasons = strict.rejections.map { $0.messages.joined(separator: "; ") }
        #expect(reasons[0].contains("_submission_time: \"2026-12-15T10:00:00\" is in the future (today is 2026-11-26)"))
        #expect(reasons[0].contains("--allow-future"), "\(reasons)")
        #expect(reasons[2].contains("_submission_time: \"1900-01-01\" is before 2000-01-01"))
        let other = try Fixture.file("dates-2.csv", text)
        let lenient = IngestPolicy(allowFuture: true, today: "2026-11-26")
        let allowed = try Self.ingest(other, try Fixture.demoStore(), lenient)
        #expect(allowed.accepted == 2 && allowed.rejected == 2)
        #expect(Self.first(allowed.rejections).contains("more than a year ahead"))
        #expect(allowed.warnings.count == 1 && Self.first(allowed.warnings).contains("kept (--allow-future)"))
    }

    @Test("ingest on the command line: a paper conflict exits 3 naming both rows; the new options exist")
    func commandLine() throws {
        let directory = try Fixture.temporaryDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        let store = try Store.open(at: db)
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        try store.close()
        let first = try Fixture.file("caritas.csv", Self.paper + "P-0001,Caritas,2026-10-01,006114,food,high\n")
        let second = try Fixture.file("caritas-2.csv", Self.paper + "P-0001,Caritas,2026-10-03,006114,health,medium\n")
        #expect(try CLI.run(["ingest", "--db", db, first]).status == 0)
        let conflict = try CLI.run(["ingest", "--db", db, second])
        #expect(conflict.status == 3)
        let expected = "rejected: row 2: questionnaire_id: P-0001 of \"Caritas\" is already stored"
        #expect(conflict.stderr.contains(expected), "\(conflict.stderr)")
        #expect(conflict.stderr.contains("caritas.csv, row 2") && conflict.stderr.contains("caritas-2.csv, row 2"))
        let corrected = try CLI.run(["ingest", "--db", db, "--correction", second])
        #expect(corrected.status == 0 && corrected.stderr.contains("conflict: row 2: questionnaire P-0001"))
        let again = try CLI.run(["ingest", "--db", db, first])
        #expect(again.status == 0 && again.stderr.contains("already ingested as batch 1"), "\(again.stderr)")
        let help = try CLI.run(["ingest", "--help"]).stdout
        #expect(help.contains("--allow-outside") && help.contains("--allow-future") && help.contains("--source"))
    }
}
