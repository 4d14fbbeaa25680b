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

@Suite("Survey rounds and the change report")
struct RoundsTests {
    static let novi = "006114", serravalle = "006160", noviPopulation = 27682.0

    /// The embedded default's territory and directory, with two rounds A (summer) and B (autumn).
    static func roundsStore() throws -> Store {
        let store = try Fixture.demoStore()
        try store.addRound(SurveyRound(name: "A", start: "2026-06-01", end: "2026-09-30"))
        try store.addRound(SurveyRound(name: "B", start: "2026-10-01", end: "2026-12-31"))
        return store
    }

    /// `total` user responses from `code` on `date`, the first `reporting` of them naming `category`.
    static func addResponses(
        _ store: Store, code: String, date: String, total: Int, reporting: Int,
        category: String = "food", tag: String
    ) throws {
        try store.write { db in
            try db.execute(
                sql: "INSERT INTO batch (file, sha256, form, dialect) VALUES (?, ?, 'user', 'paper')",
                arguments: [tag, tag])
            let batch = db.lastInsertedRowID
            for i in 0..<total {
                let uuid = "\(tag)-\(i)"
                try db.execute(
                    sql: """
                        INSERT INTO submission (uuid, form, municipality_code, submitted_at, content_hash, batch_id,
                            source_row)
                        VALUES (?, 'user', ?, ?, ?, ?, ?)
                        """, arguments: [uuid, code, date + "T10:00:00Z", uuid, batch, i + 2])
                if i < reporting {
                    try db.execute(
                        sql: "INSERT INTO need_report (submission_uuid, category_code) VALUES (?, ?)",
                        arguments: [uuid, category])
                }
            }
        }
    }

    static func row(_ report: ChangeReport, _ code: String, _ category: String) throws -> ChangeReport.Row {
        let i = try #require(report.municipalities.firstIndex { $0.code == code })
        return try #require(report.rows[i].first { $0.category == category })
    }

    @Test("the change report's numbers agree with a hand-computed case (needs, services, access, gap level)")
    func handComputed() throws {
        let store = try Self.roundsStore()
        try Self.addResponses(store, code: Self.novi, date: "2026-09-10", total: 40, reporting: 5, tag: "a")
        try Self.addResponses(store, code: Self.novi, date: "2026-10-20", total: 20, reporting: 10, tag: "b")
        // Between the rounds: the migrants' desk closes, the listening centre changes its hours.
        try store.closeServices(["migranti-sportello-novi"], source: "test", date: "2026-10-15")
        var caritas = try #require(try store.services().first { $0.id == "caritas-ascolto-novi" })
        caritas.openingHours = "Mo-Fr 09:00-12:00"
        caritas.lastUpdated = "2026-11-20"
        try store.importServices([caritas], source: "test")

        let report = try ChangeReport.make(store: store, from: "A", to: "B", config: .standard)
        let food = try Self.row(report, Self.novi, "food")
        // 5 and 10 reports of food among Novi Ligure's 27,682 residents.
        #expect(abs(food.needFrom! - 5 / Self.noviPopulation * 1000) < 1e-9)
        #expect(abs(food.needTo! - 10 / Self.noviPopulation * 1000) < 1e-9)
        #expect(abs(food.needChange! - 5 / Self.noviPopulation * 1000) < 1e-9)
        // 12.5 % of respondents (low need) → 50 % (high need) with the same services within reach:
        // two steps up whatever the access band (low→medium… table rows differ by two everywhere).
        #expect(food.levelChange == 2)
        #expect(food.accessChange == 0, "hours do not change accessibility")
        #expect(food.hoursChanged == 1 && food.opened == 0 && food.closed == 0 && food.languagesChanged == 0)
        let legal = try Self.row(report, Self.novi, "legal")
        #expect(legal.closed == 1 && legal.hoursChanged == 0)
        #expect(legal.accessFrom != legal.accessTo, "round A counts the desk, round B does not")
        #expect(report.serviceChanges.map(\.serviceID).sorted() == ["caritas-ascolto-novi", "migranti-sportello-novi"])
        let far = try Self.row(report, Self.serravalle, "food")
        #expect(far.needChange == 0 && far.levelChange == nil, "no responses: 0 reports, and no level to compare")
        // The CSV carries the same figures, flat.
        let csv = try report.csv()
        #expect(csv.contains("food_services_hours_changed") && csv.contains("legal_services_closed"))
    }

    /// Every count a report publishes for `code`, by category and name (`need_per_1000` as a count).
    static func published(_ report: GapReport) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in report.analysis.categories {
            for (i, m) in report.analysis.inputs.municipalities.enumerated() {
                for (name, cell) in report.cells(category: c.code, municipality: i) {
                    switch cell.value {
                    case .int(let v?) where GapReport.countNames.contains(name): out["\(m.code)/\(c.code)/\(name)"] = v
                    case .double(let v?) where name == "need_per_1000":
                        out["\(m.code)/\(c.code)/user_reports"] = Int((v * Double(m.population) / 1000).rounded())
                    default: break
                    }
                }
            }
        }
        return out
    }

    @Test("the subtraction attack across rounds fails: no difference of published counts is below k")
    func subtractionAttack() throws {
        let store = try Self.roundsStore()
        try Self.addResponses(store, code: Self.novi, date: "2026-09-10", total: 20, reporting: 6, tag: "a")
        try Self.addResponses(store, code: Self.novi, date: "2026-10-20", total: 20, reporting: 2, tag: "b")
        try Self.addResponses(store, code: Self.serravalle, date: "2026-09-12", total: 12, reporting: 5, tag: "c")
        try Self.addResponses(store, code: Self.serravalle, date: "2026-11-02", total: 13, reporting: 7, tag: "d")
        let all = try store.rounds()
        func report(_ chosen: [SurveyRound]?) throws -> GapReport {
            try RoundAnalysis.report(
                store: store, selection: RoundSelection(all: all, chosen: chosen),
                config: .standard)
        }
        let a = try report([all[0]])
        let b = try report([all[1]])
        let range = try report(all)
        let everything = try report(nil)
        let key = "\(Self.novi)/food/user_reports"
        #expect(Self.published(a)[key] == 6)
        #expect(Self.published(b)[key] == nil, "2 reports: withheld")
        // Without control across rounds the range would publish 8, and 8 − 6 = 2.
        #expect(Self.published(GapReport(range.analysis))[key] == 8)
        #expect(Self.published(range)[key] == nil && Self.published(everything)[key] == nil)
        // Serravalle's 12 (5 + 7) is withheld too, as the second cell that protects the consortium total.
        #expect(Self.published(GapReport(range.analysis))["\(Self.serravalle)/food/user_reports"] == 12)
        #expect(Self.published(range)["\(Self.serravalle)/food/user_reports"] == nil)
        #expect(Self.published(range)["\(Self.serravalle)/food/responses"] == 25, "12 and 13: nothing small to reveal")
        // Nested reports: every difference of two published counts is 0 or at least k.
        for (wide, narrow) in [(range, a), (range, b), (everything, a), (everything, b), (everything, range)] {
            let w = Self.published(wide)
            let n = Self.published(narrow)
            for (k, v) in w {
                guard let u = n[k] else { continue }
                #expect(!(1..<5).contains(abs(v - u)), "\(k): \(v) − \(u) reveals a count below k")
            }
        }
        let change = try Self.row(
            try ChangeReport.make(store: store, from: "A", to: "B", config: .standard),
            Self.novi, "food")
        #expect(change.needChange == nil && change.needSuppressed, "withheld on one side: no change published")
        #expect(change.needFrom != nil && change.needTo == nil)
    }

    @Test("rounds: overlapping or unknown rounds are refused with their names; ingested batches follow dates")
    func roundRules() throws {
        let store = try Self.roundsStore()
        #expect(throws: RoundError.overlaps(name: "C", other: "B")) {
            try store.addRound(SurveyRound(name: "C", start: "2026-12-01", end: "2027-01-31"))
        }
        #expect(throws: RoundError.unknown("Z", known: ["A", "B"])) {
            try RoundSelection.resolve(store: store, round: "Z", from: nil, to: nil)
        }
        #expect(throws: RoundError.rangeReversed(from: "B", to: "A")) {
            try RoundSelection.resolve(store: store, round: nil, from: "B", to: "A")
        }
        if case .success = SurveyRound.parse(name: "x", start: "2026-10-02", end: "2026-10-01") {
            Issue.record("a round ending before it starts was accepted")
        }
        try Self.addResponses(store, code: Self.novi, date: "2026-09-10", total: 3, reporting: 0, tag: "a")
        try Self.addResponses(store, code: Self.novi, date: "2027-02-01", total: 2, reporting: 0, tag: "z")
        try store.assignBatch(2, to: "B")
        let (counts, outside) = try store.roundCounts()
        #expect(counts == ["A": 3, "B": 2] && outside == 0, "a batch put in a round belongs to it whatever its dates")
    }

    @Test("the meeting summary: largest changes first, a map, Arabic right to left, data escaped")
    func summary() throws {
        let store = try Self.roundsStore()
        try Self.addResponses(store, code: Self.novi, date: "2026-09-10", total: 40, reporting: 5, tag: "a")
        try Self.addResponses(store, code: Self.novi, date: "2026-10-20", total: 20, reporting: 10, tag: "b")
        var caritas = try #require(try store.services().first { $0.id == "caritas-ascolto-novi" })
        caritas.name = "Ascolto <b>&</b>"
        caritas.languages = ["ar", "it"]
        caritas.lastUpdated = "2026-11-20"
        try store.importServices([caritas], source: "test")
        let report = try ChangeReport.make(store: store, from: "A", to: "B", config: .standard)
        let shapes = try store.consortiumShapes()
        let arabic = ChangeSummary(report: report, shapes: shapes, language: "ar").html(language: "ar")
        #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.contains("ما الذي تغيّر") && arabic.contains("<svg"))
        let italian = ChangeSummary(report: report, shapes: shapes, language: "it").html(language: "it")
        #expect(italian.contains("dir=\"ltr\"") && italian.contains("Novi Ligure"))
        #expect(italian.contains("Ascolto &lt;b&gt;&amp;&lt;/b&gt;") && !italian.contains("<b>&</b>"))
        let first = try #require(report.largestChanges(limit: 1).first)
        #expect(first.code == Self.novi && first.category == "food" && first.levelChange == 2)
    }
}
