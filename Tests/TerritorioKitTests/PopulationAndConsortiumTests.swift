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

@Suite("Population and consortium membership")
struct PopulationAndConsortiumTests {
    /// A store holding two municipalities of province 006.
    func store() throws -> Store {
        let store = try Fixture.store()
        let features = ["006114", "006160"].map { BoundaryImportTests.feature(code: "\"\($0)\"", name: "\"M\($0)\"") }
        let path = try Fixture.file(
            "m.geojson", #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#)
        try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        return store
    }

    @Test(
        "population from an Excel-style CSV: semicolons, Windows-1252, codes without leading zeros, thousands separators"
    )
    func excelStyle() throws {
        let text =
            "istat_code;name;residenti_2021\r\n6114;Novi Ligure;27.682\r\n006160;Serravalle Scrivia;6 322\r\n006080;Gavazzana;170\r\n001001;Agliè;2644\r\n"
        let path = try Fixture.file("pop.csv", bytes: Array(text.data(using: .windowsCP1252)!))
        let file = try PopulationFile.read(path: path, columns: .init(population: "residenti_2021"))
        #expect(file.year == 2021 && file.paddedCodes == 1)
        let report = try store().importPopulation(file, source: path)
        #expect(report.updated == 2)
        #expect(report.unmatched.map(\.code) == ["006080"], "same province, unknown code: reported")
        #expect(report.unmatched.first?.name == "Gavazzana")
        #expect(report.otherProvinces == 1)
    }

    @Test("population stored, and re-importing the same file changes nothing")
    func stored() throws {
        let store = try store()
        let path = try Fixture.file("pop.csv", "istat_code,population_2011\n006114,27682\n")
        let first = try store.importPopulation(PopulationFile.read(path: path), source: path)
        #expect(first.updated == 1 && first.withoutPopulation.map(\.code) == ["006160"])
        let row = try store.read {
            try Row.fetchOne($0, sql: "SELECT population, population_year FROM municipality WHERE code = '006114'")
        }
        #expect(row?[0] as Int? == 27682 && row?[1] as Int? == 2011)
        #expect(try store.importPopulation(PopulationFile.read(path: path), source: path).unchanged == 1)
    }

    @Test("bad population rows are reported by row and column, and nothing is written")
    func badRows() throws {
        let store = try store()
        let before = try Fixture.snapshot(store)
        let path = try Fixture.file(
            "pop.csv", "istat_code,population_2011\n006114,27682\nNOVI,10\n006160,-3\n006114,5\n006002,12.5\n")
        do {
            try store.importPopulation(PopulationFile.read(path: path), source: path)
            Issue.record("expected an error")
        } catch let error as InputError {
            let lines = error.description.split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            #expect(lines[0].contains("pop.csv: row 3, column 'istat_code'") && lines[0].contains("\"NOVI\""))
            #expect(lines[1].contains("row 4, column 'population_2011'") && lines[1].contains("\"-3\""))
            #expect(lines[2].contains("row 5") && lines[2].contains("also on row 2"))
            #expect(lines[3].contains("row 6") && lines[3].contains("\"12.5\""))
        }
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test("a missing column is named, with the columns the file has")
    func missingColumn() throws {
        let path = try Fixture.file("pop.csv", "codice,abitanti\n006114,27682\n")
        #expect { try PopulationFile.read(path: path) } throws: { error in
            let m = "\(error)"
            return m.contains("no column 'istat_code'") && m.contains("codice, abitanti") && m.contains("--code-column")
        }
    }

    @Test("the year comes from --year when the column name has none")
    func yearRequired() throws {
        let path = try Fixture.file("pop.csv", "istat_code,residents\n006114,27682\n")
        #expect(throws: InputError.self) {
            try PopulationFile.read(path: path, columns: .init(population: "residents"))
        }
        #expect(try PopulationFile.read(path: path, columns: .init(population: "residents"), year: 2023).year == 2023)
    }

    @Test("setting the consortium replaces the membership; an unknown code changes nothing")
    func consortium() throws {
        let store = try store()
        let one = try Fixture.file("c.csv", "istat_code,name\n006114,Novi Ligure\n")
        #expect(try store.setConsortium(ConsortiumFile.read(path: one)).joined == ["006114"])
        let other = try Fixture.file("c.csv", "istat_code\n006160\n")
        let report = try store.setConsortium(ConsortiumFile.read(path: other))
        #expect(report.joined == ["006160"] && report.left == ["006114"])

        let before = try Fixture.snapshot(store)
        let unknown = try Fixture.file("c.csv", "istat_code\n006114\n006999\n")
        #expect {
            try store.setConsortium(ConsortiumFile.read(path: unknown))
        } throws: { "\($0)".contains("row 3") && "\($0)".contains("006999 is not in the database") }
        #expect(try Fixture.snapshot(store) == before)
    }
}
