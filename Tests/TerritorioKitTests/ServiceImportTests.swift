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

/// The service import reads through the same strict CSV reader, municipality resolver and
/// yes/no vocabulary as survey ingestion: nothing is imported changed, nothing is left unsaid.
@Suite("Service import: nothing lost, nothing misleading")
struct ServiceImportTests {
    static let header = "id,name,categories,municipality,lat,lon,verified"

    func check(_ store: Store, bytes: [UInt8], name: String = "services.csv") throws -> ServiceCheck.Outcome {
        let path = try Fixture.file(name, bytes: bytes)
        return try ServiceCheck(context: store.directoryContext()).check(ServiceFile.read(path: path))
    }

    func check(_ store: Store, _ text: String) throws -> ServiceCheck.Outcome {
        try check(store, bytes: Array(text.utf8))
    }

    @Test("a row with a quote never closed is rejected naming its row, not imported with a field cut short")
    func unclosedQuote() throws {
        let store = try Fixture.demoStore()
        let text =
            Self.header + "\nok-1,Desk,food,006114,44.7616,8.7889,true\n"
            + "bad-1,\"Desk,food,006114,44.7616,8.7889,true\n"
            + "ok-2,Other,food,006114,44.7616,8.7889,true\n"
        let outcome = try check(store, text)
        #expect(outcome.services.map(\.id) == ["ok-1"], "the open quote swallowed the next row: neither is imported")
        #expect(outcome.rejected == 1)
        let problem = try #require(
            outcome.problems.first { $0.message.contains("never closed") },
            "\(outcome.problems)")
        #expect(problem.description.hasPrefix("row 3, column 'name'"), "\(problem)")
    }

    @Test("a NUL byte inside a latitude rejects the row; the latitude is not read as 44.7")
    func nulInLatitude() throws {
        let store = try Fixture.demoStore()
        let bytes = Array((Self.header + "\nn-1,Desk,food,006114,44.7").utf8) + [0] + Array(" 62,8.7889,true\n".utf8)
        let outcome = try check(store, bytes: bytes)
        #expect(outcome.services.isEmpty)
        let problem = try #require(outcome.problems.first, "\(outcome.problems)")
        #expect(problem.description.hasPrefix("row 2, column 'lat'") && problem.message.contains("NUL"), "\(problem)")
        #expect(FieldText.number("44.7\0 62") == nil)
    }

    @Test("a NUL in a GeoJSON property rejects the feature too")
    func nulInGeoJSON() throws {
        let store = try Fixture.demoStore()
        let text =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"#
            + #""properties":{"id":"gj-1","name":"Desk\u0000evil","categories":"food","municipality":"006114"}}]}"#
        let outcome = try check(store, bytes: Array(text.utf8), name: "services.geojson")
        #expect(outcome.services.isEmpty)
        #expect(
            outcome.problems.first?.description.hasPrefix("feature 0 (code gj-1), property 'name'") == true,
            "\(outcome.problems)")
    }

    @Test("a ragged row is rejected like a survey row")
    func raggedRow() throws {
        let store = try Fixture.demoStore()
        let outcome = try check(store, Self.header + "\nr-1,Desk,food,006114,44.7616\n")
        #expect(outcome.services.isEmpty)
        #expect(outcome.problems.contains { $0.message.contains("fields but the header has") }, "\(outcome.problems)")
    }

    @Test("the CLI refuses such a file with exit 65 and writes nothing")
    func cliRefuses() throws {
        let (db, store) = try Fixture.demoDatabase()
        let before = try store.services()
        try store.close()
        let bytes = Array((Self.header + "\nn-1,Desk,food,006114,44.7").utf8) + [0] + Array(" 62,8.7889,true\n".utf8)
        let file = try Fixture.file("nul.csv", bytes: bytes)
        let result = try CLI.run(["import", "services", "--db", db, file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("nul.csv: row 2, column 'lat'"), "\(result.stderr)")
        #expect(result.stderr.contains("NUL"))
        #expect(try Store.open(at: db).services() == before)
    }

    @Test("services resolve municipalities with the survey's rules: abbreviations, accents, the Arabic prefix")
    func resolverRules() throws {
        let store = try Fixture.demoStore()
        let rows = ["Serravalle S.", "NOVI", "بلدية Gavi", "capriata d'orba"].enumerated().map { i, name in
            "m-\(i),Desk,food,\"\(name)\",,,true"
        }
        let outcome = try check(store, ([Self.header] + rows).joined(separator: "\n") + "\n")
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.services.map { $0.municipality ?? "" } == ["006160", "006114", "006081", "006029"])
    }

    @Test("\"Gavi Ligure\" suggests Gavi, not Novi Ligure, for services")
    func gaviLigure() throws {
        let store = try Fixture.demoStore()
        let outcome = try check(store, Self.header + "\ng-1,Desk,food,Gavi Ligure,,,true\n")
        let problem = try #require(outcome.problems.first { $0.field == "municipality" })
        #expect(problem.message.hasSuffix("did you mean Gavi?"), "\(problem)")
    }

    @Test("the one yes/no vocabulary: a ticked box (x) or oui/نعم verifies a service")
    func yesNo() throws {
        let store = try Fixture.demoStore()
        let rows = ["x", "oui", "نعم", "no"].enumerated().map { i, v in "v-\(i),Desk,food,006114,,,\(v)" }
        let outcome = try check(store, ([Self.header] + rows).joined(separator: "\n") + "\n")
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.services.map(\.verified) == [true, true, true, false])
    }

    @Test("a file without a verified column imports as to be checked, with a warning")
    func noVerifiedColumn() throws {
        let store = try Fixture.demoStore()
        let outcome = try check(store, "id,name,categories,municipality\nw-1,Desk,food,006114\n")
        #expect(outcome.services.count == 1 && outcome.services[0].verified == false)
        #expect(outcome.warnings.map(\.message) == [ServiceCheck.noVerifiedColumn])
        let with = try check(store, "id,name,categories,municipality,verified\nw-1,Desk,food,006114,\n")
        #expect(with.warnings.isEmpty, "the column is there, even if empty")
    }

    @Test("the CLI prints the missing-verified warning")
    func cliWarnsVerified() throws {
        let (db, store) = try Fixture.demoDatabase()
        try store.close()
        let file = try Fixture.file("noverified.csv", "id,name,categories,municipality\nw-1,Desk,food,006114\n")
        let result = try CLI.run(["import", "services", "--db", db, file])
        #expect(result.status == 0)
        #expect(result.stderr.contains("noverified.csv: no 'verified' column"), "\(result.stderr)")
    }
}
