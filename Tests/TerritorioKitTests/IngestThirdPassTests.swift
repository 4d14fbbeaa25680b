import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// The third pass over the ingest's hot paths (issue 16): each shortcut against the code it
/// stands in for.
@Suite("Ingest shortcuts (third pass)")
struct IngestThirdPassTests {
    @Test("the first two words of a point, and their numbers, as the general reading gives them")
    func pointWords() {
        let texts = [
            "45.1 8.7 0 5", "  45.1   8.7 ", "45.1", "45.1\t8.7 1", "a\r\nb c", "é 45 8", "", " ", "45,1 8,7",
            "4e1 8", "45.1\u{0}2 8.7", "nan inf", "+45.1 -8.7"
        ]
        for text in texts {
            let words = SubmissionReader.words(text)
            let two = SubmissionReader.firstTwoWords(text)
            #expect((two == nil) == (words.count < 2), "\(text.debugDescription)")
            guard let (a, b) = two else { continue }
            #expect(a == words[0] && b == words[1], "\(text.debugDescription)")
            for word in [a, b] {
                let general = FieldText.number(String(word))
                let fast = SubmissionReader.number(word)
                #expect(general?.bitPattern == fast?.bitPattern, "\(word.debugDescription)")
            }
        }
    }

    @Test("whole numbers read byte by byte as the Character reading reads them")
    func wholeNumbers() {
        let cases: [(String, Int?)] = [
            ("2", 2), ("007", 7), ("123456789", 123_456_789), ("1234567890", nil), ("", nil), ("3,0", 3),
            ("4.00", 4), ("4.000", nil), ("-2", nil), ("٣", nil), ("1e1", nil), (" 2", nil)
        ]
        for (text, expected) in cases { #expect(SubmissionReader.wholeNumber(text) == expected, "\(text)") }
    }

    @Test("a remembered split is the split, and the memory stays bounded")
    func choiceMemo() throws {
        let store = try Fixture.demoStore()
        let forms = try SurveyIngest.forms(store)
        let columns = SurveyColumns.analyse(
            header: ["_uuid", "municipality", "needs", "barriers", "languages"], forms: forms, forced: .user)
        let categories = Set(try store.categories().map(\.code))
        let resolver = try store.municipalityResolver()
        let reader = SubmissionReader(columns: columns, resolver: resolver, categories: categories)
        let cells = ["food housing", "food housing", "cibo, casa", "food nonsense", "  ", "Food\tHousing", "food"]
        for list in ["need", "category", "language", "nothing"] {
            for cell in cells + cells {
                let remembered = reader.splitChoices(cell, list: list, form: columns.form)
                let fresh: (found: [String], unknown: [String]) =
                    reader.asciiChoices(cell, list: list).map { (found: $0, unknown: []) }
                    ?? reader.splitChoicesByCharacter(cell, list: list)
                #expect(remembered.found == fresh.found && remembered.unknown == fresh.unknown, "\(list) \(cell)")
            }
        }
        let memo = ChoiceMemo()
        var computed = 0
        for i in 0..<(ChoiceMemo.capacity + 10) {
            _ = memo.split("cell \(i)", list: "l") {
                computed += 1
                return (["\(i)"], [])
            }
        }
        let again = memo.split("cell \(ChoiceMemo.capacity + 5)", list: "l") {
            computed += 1
            return (["recomputed"], [])
        }
        #expect(again.found == ["recomputed"] && computed == ChoiceMemo.capacity + 11)
        #expect(memo.split("cell 3", list: "l") { (["wrong"], []) }.found == ["3"])
        // A cell longer than the memo keeps is computed every time (memory stays small).
        let long = String(repeating: "x", count: ChoiceMemo.longestCell + 1)
        let memo2 = ChoiceMemo()
        _ = memo2.split(long, list: "l") { (["first"], []) }
        #expect(memo2.split(long, list: "l") { (["second"], []) }.found == ["second"])
    }

    @Test("texts bound in place are stored as bound: empty is not NULL, a NUL ends the text")
    func insertStatementTexts() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c INTEGER, d REAL)")
            let insert = try InsertStatement(db, sql: "INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
            let long = String(repeating: "città ", count: 400)
            let rows: [(String?, String?, Int?, Double?)] = [
                ("", nil, 1, 0.5), ("x\u{0}y", "é", nil, nil), (long, "", 3, -1), (nil, nil, nil, nil),
                ("a", "b", Int.max, 1e300)
            ]
            for (a, b, c, d) in rows {
                insert.bind(1, a)
                insert.bind(2, b)
                insert.bind(3, c)
                insert.bind(4, d)
                try insert.run()
            }
            let stored = try Row.fetchAll(db, sql: "SELECT a, typeof(a), b, typeof(b), c, d FROM t ORDER BY rowid")
            #expect(stored.count == rows.count)
            for (row, expected) in zip(stored, rows) {
                let a: String? = row[0]
                let b: String? = row[2]
                #expect(a == expected.0.map { String($0.prefix { $0 != "\u{0}" }) })
                #expect(b == expected.1)
                #expect((row[1] as String) == (expected.0 == nil ? "null" : "text"))
                #expect((row[4] as Int?) == expected.2 && (row[5] as Double?) == expected.3)
            }
        }
    }

    @Test("only a paper questionnaire can be refused by the writer")
    func refusals() {
        var kobo = Submission(uuid: "u-1", form: .user, municipality: "006114")
        kobo.version.instanceID = "u-1"
        var paper = Submission(uuid: "paper/caritas/12", form: .user, municipality: "006114")
        paper.version.questionnaire = "12"
        paper.version.source = "Caritas"
        #expect(!SubmissionWriter.mayRefuse(kobo))
        #expect(SubmissionWriter.mayRefuse(paper))
    }

    @Test("a load into an empty survey table finds every key it wrote, and no other")
    func writtenKeys() throws {
        let store = try Fixture.demoStore()
        try store.write { db in try db.execute(sql: "DELETE FROM submission") }
        try store.ingestSession(bulk: false) { ledger in
            let batch = try ledger.addBatch(file: "f", sha256: "h", form: "user", dialect: "kobo", droppedColumns: "[]")
            #expect(try ledger.stored(uuid: "k-1") == nil)
            for (i, key) in ["k-1", "k-2", "cafe\u{301}"].enumerated() {
                try ledger.insert(
                    Submission(uuid: key, form: .user, municipality: "006114"), hash: "h\(i)", batch: batch, row: i)
            }
            #expect(try ledger.stored(uuid: "k-1")?.hash == "h0")
            #expect(try ledger.stored(uuid: "cafe\u{301}")?.hash == "h2")
            #expect(try ledger.stored(uuid: "caf\u{E9}") == nil)  // equal in Swift, another key in SQLite
            #expect(try ledger.stored(uuid: "k-3") == nil)
            try ledger.delete(uuid: "k-1")
            #expect(try ledger.stored(uuid: "k-1") == nil && ledger.stored(uuid: "k-2")?.hash == "h1")
            return ((), commit: false)
        }
    }
}
