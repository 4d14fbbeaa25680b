import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Researcher exports: generalisation and local suppression")
struct ResearchExportTests {
    func row(_ zone: String, _ languages: String, age: String = "30_44") -> [String: String] {
        ["zone": zone, "quarter": "2026-Q3", "age_group": age, "household_size": "2", "languages": languages]
    }

    func classSizes(_ rows: [[String: String]?]) -> [Int] {
        Array(
            Dictionary(grouping: rows.compactMap { $0 }, by: { r in Anonymiser.quasiIdentifiers.map { r[$0] ?? "" } })
                .values.map(\.count))
    }

    @Test("rare rows are grouped with others into sets of values, and common values stay exact")
    func partitions() {
        let rows =
            Array(repeating: row("Valle Scrivia", "it"), count: 10)
            + ["ar it", "bn it", "it uk", "it zh", "it wo"].map { row("Valle Scrivia", $0) }
            + Array(repeating: row("Val Lemme e Gavi", "it", age: "65_plus"), count: 5)
        let result = Anonymiser.apply(rows, k: 5)
        #expect(result.withheld == 0)
        #expect(classSizes(result.rows).allSatisfy { $0 >= 5 })
        #expect(result.rows.prefix(10).allSatisfy { $0?["languages"] == "it" && $0?["zone"] == "Valle Scrivia" })
        #expect(result.rows[10]?["languages"] == "ar it|bn it|it uk|it wo|it zh", "the rare sets, as one set")
        #expect(result.rows[15] == row("Val Lemme e Gavi", "it", age: "65_plus"))
        #expect(result.mergedValues == ["languages": 5] && result.suppressedValues.isEmpty)
    }

    @Test("values that cannot be told apart become *, and fewer than k rows are withheld")
    func suppressesAndWithholds() {
        let rows = [row("A", "it"), row("B", "fr"), row("C", "ar"), row("D", "bn"), row("E", "uk")]
        let result = Anonymiser.apply(rows, k: 5)
        #expect(result.rows.allSatisfy { $0?["zone"] == "*" && $0?["languages"] == "*" && $0?["age_group"] == "30_44" })
        #expect(result.suppressedValues == ["zone": 5, "languages": 5])
        #expect(Anonymiser.apply(Array(rows.prefix(4)), k: 5).withheld == 4)
    }

    @Test("the needs export protects each place's total over periods and the consortium's")
    func needsTotals() {
        typealias Cell = ResearchExport.NeedCell
        let cells = [
            Cell(key: ["Val Borbera", "food", "user", "2026-Q4"], count: 3, unmet: nil),
            Cell(key: ["Val Borbera", "food", "user", "2026-Q3"], count: 10, unmet: nil),
            Cell(key: ["Valle Scrivia", "food", "user", "2026-Q3"], count: 12, unmet: nil)
        ]
        let (hidden, _) = ResearchExport.protectNeeds(cells, control: DisclosureControl(k: 5))
        #expect(
            hidden.contains(0) && hidden.contains(1),
            "Val Borbera's total over quarters is countable: 13 − 10 would give the 3")
        #expect(!hidden.contains(2))
    }

    @Test(
        "months become quarters and household sizes bands",
        arguments: [
            ("2026-01", 1, "2026-Q1", "1"), ("2026-06", 2, "2026-Q2", "2"), ("2026-09", 4, "2026-Q3", "3-4"),
            ("2026-12", 9, "2026-Q4", "5+"), ("", 0, "", "")
        ])
    func generalisation(_ month: String, _ size: Int, _ quarter: String, _ band: String) {
        #expect(Generalisation.quarter(month: month) == quarter)
        #expect(Generalisation.householdBand(size == 0 ? nil : size) == band)
    }

    @Test("consortium set stores the zone column; a file without one keeps the zones")
    func zones() throws {
        let store = try Fixture.demoStore()
        #expect(try store.zones()["006034"] == "Val Borbera e Valle Spinti", "the embedded default has zones")
        let path = try Fixture.file("members.csv", "istat_code,zone\n006114,Pianura\n006034,Monti\n")
        try store.setConsortium(try ConsortiumFile.read(path: path))
        #expect(try store.zones() == ["006114": "Pianura", "006034": "Monti"])
        let plain = try Fixture.file("plain.csv", "istat_code\n006114\n006034\n")
        try store.setConsortium(try ConsortiumFile.read(path: plain))
        #expect(try store.zones() == ["006114": "Pianura", "006034": "Monti"])
    }
}
