import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore

/// The survey reader's verdicts on the sample surveys and on hostile variants of their rows,
/// compared with `Tests/Fixtures/reader-golden.txt`: what the reader gave before its fast
/// paths (positional columns, byte-level splitting, the content hash written into one buffer).
/// Every accepted submission (as JSON), its content hash and warnings, every rejection's
/// reasons and each row's keys must stay the same, message for message.
/// `TERRITORIO_WRITE_GOLDEN=1` rewrites the file (only when the reader's behaviour changes on purpose).
@Suite("Survey reader golden verdicts")
struct ReaderGoldenTests {
    static let goldenPath = Fixture.root.appendingPathComponent("Tests/Fixtures/reader-golden.txt").path

    @Test("the sample surveys and their hostile variants read as before")
    func verdictsUnchanged() throws {
        let store = try Fixture.demoStore()
        var lines: [String] = []
        for name in ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"] {
            let path = Fixture.root.appendingPathComponent("Surveys/samples/" + name).path
            let (header, rows) = try Self.rows(path)
            let hostile = Self.hostileRows(header: header, rows: rows)
            for (label, policy) in Self.policies {
                lines.append("## \(name) \(label)")
                lines += try Self.verdicts(store, header: header, rows: rows + hostile, policy: policy)
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TERRITORIO_WRITE_GOLDEN"] == "1" {
            try text.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actual.count == expected.count)
        for (i, (a, e)) in zip(actual, expected).enumerated() where a != e {
            Issue.record("line \(i + 1) differs:\n  now:    \(a)\n  before: \(e)")
            break
        }
        #expect(lines.count > 400)
    }

    static let policies: [(String, IngestPolicy)] = [
        ("default", IngestPolicy(today: "2026-11-26")),
        ("outside+future", IngestPolicy(allowOutside: true, allowFuture: true, today: "2026-11-26"))
    ]

    /// The header and data rows of a sample file, as `CSVStream` reads them.
    static func rows(_ path: String) throws -> ([String], [[String]]) {
        let stream = try CSVStream(path: path)
        var records: [[String]] = []
        while let r = try stream.next() { records.append(r.fields) }
        let header = records.removeFirst()
        return (header, records)
    }

    /// One line per row: its keys, then the accepted submission or the reasons.
    static func verdicts(_ store: Store, header: [String], rows: [[String]], policy: IngestPolicy) throws
        -> [String]
    {
        let trimmed = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = SurveyColumns.analyse(header: trimmed, forms: try SurveyIngest.forms(store), forced: nil)
        let reader = SubmissionReader(
            columns: columns, resolver: try store.municipalityResolver(),
            categories: Set(try store.categories().map(\.code)), policy: policy)
        var out: [String] = []
        for (i, fields) in rows.enumerated() {
            let record = CSVStream.Record(fields: fields, row: i + 2)
            let answers = columns.answers(of: record)
            let keys = reader.keys(of: answers)
            var line = "\(i + 2) keys=\(keys.uuid ?? "-")|\(keys.token ?? "-") "
            switch reader.read(record) {
            case .accepted(let s, let warnings):
                line += "ok \(try JSONOutput.line(s)) hash=\(s.contentHash) warnings=\(try JSONOutput.line(warnings))"
            case .rejected(let reasons):
                line += "no \(try JSONOutput.line(reasons))"
            }
            out.append(line)
        }
        return out
    }

    /// Variants of the first rows that a hostile or careless export could hold.
    static func hostileRows(header: [String], rows: [[String]]) -> [[String]] {
        func column(_ names: [String]) -> Int? {
            header.firstIndex { h in names.contains { h.lowercased().hasSuffix($0) } }
        }
        var out: [[String]] = [header, Array(repeating: "", count: header.count)]
        for (k, base) in rows.prefix(40).enumerated() {
            var r = base
            mutate(&r, kind: k, column: column)
            out.append(r)
        }
        return out
    }

    // swift-format-ignore
    static func mutate(_ r: inout [String], kind: Int, column: ([String]) -> Int?) {
        func set(_ names: [String], _ value: String) { if let i = column(names), i < r.count { r[i] = value } }
        switch kind % 24 {
        case 0: set(["needs"], "FOOD Housing")
        case 1: set(["needs"], "cibo;casa")
        case 2: set(["needs/food"], "2")
        case 3: set(["needs/food"], "1"); set(["needs"], "housing")
        case 4: set(["location"], "abc def")
        case 5: set(["location"], "8.78 44.76 0 5"); set(["_location_latitude"], "8.78"); set(["_location_longitude"], "44.76")
        case 6: set(["end", "date", "submissiondate"], "31/02/2026")
        case 7: set(["_submission_time", "date", "submissiondate"], "2030-01-01T00:00:00Z")
        case 8: set(["urgency"], "\u{00A0}low "); set(["household_size"], " 3 ")
        case 9: r.removeLast()
        case 10: r.append("extra")
        case 11: set(["_uuid", "instanceid", "key", "questionnaire_id"], ""); set(["meta/instanceid"], "")
        case 12: set(["needs"], "food;housing , clothing")
        case 13: set(["household_size"], "3,0"); set(["requests_food"], "1e1")
        case 14: set(["barriers"], "trasporto é costo"); set(["languages"], "IT  fr")
        case 15: set(["urgency"], "soon"); set(["age_group"], "old")
        case 16: set(["location"], "45.1"); set(["_location_longitude"], "")
        case 17: set(["municipality"], "Novi Lugure")
        case 18: set(["municipality"], "006114"); set(["location"], "45.76 8.78 0 5")
        case 19: set(["start", "end", "submissiondate"], "2026-05-01 10:11:12+0200")
        case 20: set(["_submission_time", "submissiondate", "date"], "1999-12-31")
        case 21: set(["needs"], String(repeating: "cake ", count: 30))
        case 22: set(["household_size"], "0x10"); set(["period_end"], "2025-01-01")
        default: set(["needs"], "Cibo e spesa alimentare")
        }
    }
}
