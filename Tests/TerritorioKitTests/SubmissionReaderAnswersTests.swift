import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// `SubmissionReader` on answers by field: a row of an export and the same answers given by
/// name (a web form, a fixture) go through the same checks and give the same result.
@Suite("Submission reader on answers")
struct SubmissionReaderAnswersTests {
    static let header = ["questionnaire_id", "source", "date", "municipality", "needs", "urgency", "household_size"]

    /// The reader of a paper export with `header`, and the reader of the web form, on one store.
    static func readers(_ store: Store) async throws -> (csv: SubmissionReader, web: SubmissionReader) {
        let forms = try SurveyIngest.forms(store)
        let csv = SubmissionReader(
            columns: SurveyColumns.analyse(header: header, forms: forms, forced: .user),
            resolver: try store.municipalityResolver(), categories: Set(try store.categories().map(\.code)))
        let web = try await SurveyEntry.reader(.user, store: store, dialect: .web, meta: SurveyEntry.entryMeta)
        return (csv, web)
    }

    /// A paper row and the same answers by field name.
    static func both(_ cells: [String]) -> (CSVStream.Record, SurveyAnswers) {
        let record = CSVStream.Record(fields: cells, row: 2)
        let byName = Dictionary(uniqueKeysWithValues: zip(header, cells))
        let meta: [SurveyColumns.Meta: String] = [
            .questionnaireID: byName["questionnaire_id"]!, .source: byName["source"]!, .date: byName["date"]!
        ]
        let values = byName.filter { !["questionnaire_id", "source", "date"].contains($0.key) }
        return (record, SurveyAnswers(values: values, meta: meta))
    }

    @Test("a paper row and the same answers by field give the same submission")
    func sameSubmission() async throws {
        let store = try Fixture.demoStore()
        let (csv, web) = try await Self.readers(store)
        let (record, answers) = Self.both(["Q-12", "CSP", "2026-10-03", "Novi Ligure", "food housing", "high", "3"])
        guard case .accepted(let a, _) = csv.read(record), case .accepted(let b, _) = web.read(answers) else {
            Issue.record("both should be accepted")
            return
        }
        #expect(a == b)
        #expect(a.uuid == "paper/csp/q-12")
        #expect(a.needs == ["food", "housing"] && a.urgency == "high" && a.householdSize == 3)
        #expect(a.municipality == "006114")
    }

    @Test("a bad value gets the same message from a row and from answers by field")
    func sameMessages() async throws {
        let store = try Fixture.demoStore()
        let (csv, web) = try await Self.readers(store)
        let (record, answers) = Self.both(["Q-13", "CSP", "2026-10-03", "Novi Lugure", "food cake", "soon", "abc"])
        guard case .rejected(let a) = csv.read(record), case .rejected(let b) = web.read(answers) else {
            Issue.record("both should be refused")
            return
        }
        #expect(a == b)
        #expect(a.contains("household_size: expected a whole number from 1 to 20, found \"abc\""))
        #expect(a.contains { $0.hasPrefix("municipality: unknown \"Novi Lugure\"; did you mean Novi Ligure") })
        #expect(a.contains { $0.hasPrefix("needs:") && $0.contains("\"cake\"") })
        #expect(a.contains { $0.hasPrefix("urgency:") && $0.contains("\"soon\"") })
    }

    @Test("answers of a fixture: labels in any language, blanks as missing, required questions")
    func fixtureAnswers() async throws {
        let store = try Fixture.demoStore()
        let (_, web) = try await Self.readers(store)
        let labelled = SurveyAnswers(
            values: ["municipality": "006114", "needs": "Cibo", "urgency": "Élevée"],
            meta: [.questionnaireID: "7", .source: "Caritas"])
        guard case .accepted(let s, _) = web.read(labelled) else {
            Issue.record("labels should be accepted")
            return
        }
        #expect(s.needs == ["food"] && s.urgency == "high" && s.uuid == "paper/caritas/7")
        let blank = SurveyAnswers(
            values: ["municipality": "Novi Ligure", "needs": "  ", "urgency": "low"],
            meta: [.questionnaireID: "8", .source: "Caritas"])
        guard case .rejected(let reasons) = web.read(blank) else {
            Issue.record("missing needs should be refused")
            return
        }
        #expect(reasons == ["needs: missing (required)"])
        let anonymous = SurveyAnswers(values: ["municipality": "Novi Ligure", "needs": "food", "urgency": "low"])
        guard case .rejected(let noKey) = web.read(anonymous) else {
            Issue.record("no questionnaire number should be refused")
            return
        }
        #expect(noKey == [IngestMessage.noInstanceID])
    }

    @Test("a row that repeats the header gets that reason alone; a 0/1 cell that is neither is named")
    func rowProblems() async throws {
        let store = try Fixture.demoStore()
        let (csv, _) = try await Self.readers(store)
        guard case .rejected(let repeated) = csv.read(CSVStream.Record(fields: Self.header, row: 3)) else {
            Issue.record("a repeated header should be refused")
            return
        }
        #expect(repeated == [SurveyAnswers.headerRepeated])
        let kobo = SurveyColumns.analyse(
            header: ["_uuid", "municipality", "needs/food", "urgency"], forms: try SurveyIngest.forms(store))
        let answers = kobo.answers(of: CSVStream.Record(fields: ["u-1", "Novi Ligure", "maybe", "low"], row: 2))
        #expect(answers.problems == ["column 'needs/food': expected 0 or 1 (or \(YesNo.expected)), found \"maybe\""])
        #expect(answers.values == ["municipality": "Novi Ligure", "urgency": "low"])
        #expect(answers.meta == [.uuid: "u-1"])
    }
}
