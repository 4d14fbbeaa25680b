import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore

/// A row read in place by column position (``RowAnswers``) must give the reader what the same
/// row copied into answers by name (``SurveyColumns/answers(of:)``) gives: the same verdict,
/// messages and keys, on the sample surveys, their hostile variants, and headers that repeat
/// a question.
@Suite("Rows read in place")
struct RowAnswersTests {
    static func describe(_ verdict: (outcome: SubmissionReader.Outcome, keys: (uuid: String?, token: String?)))
        throws -> String
    {
        let keys = "\(verdict.keys.uuid ?? "-")|\(verdict.keys.token ?? "-")"
        switch verdict.outcome {
        case .accepted(let s, let warnings): return "\(keys) ok \(try JSONOutput.line(s)) \(warnings)"
        case .rejected(let reasons): return "\(keys) no \(reasons)"
        }
    }

    /// Compares both readings of every row; returns how many rows were compared.
    static func compare(_ store: Store, header: [String], rows: [[String]]) throws -> Int {
        let columns = SurveyColumns.analyse(header: header, forms: try SurveyIngest.forms(store), forced: nil)
        let reader = SubmissionReader(
            columns: columns, resolver: try store.municipalityResolver(),
            categories: Set(try store.categories().map(\.code)), policy: IngestPolicy(today: "2026-11-26"))
        for (i, fields) in rows.enumerated() {
            let record = CSVStream.Record(fields: fields, row: i + 2)
            let inPlace = try describe(reader.verdict(reader.answers(of: record)))
            let byName = try describe(reader.verdict(columns.answers(of: record)))
            #expect(inPlace == byName, "row \(i + 2)")
            let keys = reader.keys(of: columns.answers(of: record))
            let found = reader.verdict(reader.answers(of: record)).keys
            #expect(keys.uuid == found.uuid && keys.token == found.token)
        }
        return rows.count
    }

    @Test("the samples and their hostile variants read the same in place and by name")
    func samples() throws {
        let store = try Fixture.demoStore()
        var compared = 0
        for name in ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"] {
            let path = Fixture.root.appendingPathComponent("Surveys/samples/" + name).path
            let (header, rows) = try ReaderGoldenTests.rows(path)
            let trimmed = header.map { $0.trimmingCharacters(in: .whitespaces) }
            compared += try Self.compare(
                store, header: trimmed, rows: rows + ReaderGoldenTests.hostileRows(header: header, rows: rows))
        }
        #expect(compared > 250)
    }

    @Test("a header that repeats a question: the last non-empty cell wins, 0/1 columns in order")
    func repeatedColumns() throws {
        let store = try Fixture.demoStore()
        let header = [
            "_uuid", "municipality", "needs", "needs/food", "urgency", "needs/food", "urgency", "municipality"
        ]
        let rows = [
            ["u-1", "Novi Ligure", "food", "1", "low", "0", "", ""],
            ["u-2", "", "housing", "2", "", "yes", "high", "Gavi"],
            ["u-3", "Gavi", " ", "", " low", "", "HIGH ", "  "]
        ]
        #expect(try Self.compare(store, header: header, rows: rows) == 3)
    }

    @Test("ASCII choices and points split byte by byte as the Character readings split them")
    func asciiSplitting() {
        for text in ["45.1 8.7 0 5", "  45.1   8.7 ", "45.1\t8.7", "a\r\nb c", "é 45", "", " "] {
            #expect(SubmissionReader.words(text) == text.split(separator: " " as Character), "\(text.debugDescription)")
        }
        for token in [" food ", "food", "\tfood\u{0B}", "\u{0B}food", " ", "a b"] {
            let trimmed = String(decoding: SubmissionReader.trimmedASCII(Substring(token).utf8), as: UTF8.self)
            #expect(trimmed == SubmissionReader.trim(token), "\(token.debugDescription)")
        }
    }
}
