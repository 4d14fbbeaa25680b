import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// CSV formula injection (OWASP): text cells that a spreadsheet would run are neutralised in
/// every CSV territorio writes, in one place (``CSVText``); numbers stay numbers.
@Suite("CSV formula injection")
struct CSVInjectionTests {
    @Test(
        "cells starting with = + - @ tab or CR get a leading quote; plain numbers do not",
        arguments: [
            ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"), ("+39 0143 1", "'+39 0143 1"),
            ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\r=1", "'\r=1"),
            ("-3.5", "-3.5"), ("+12", "+12"), ("-1e-05", "-1e-05"), ("8.7889", "8.7889"), ("Novi", "Novi"), ("", ""),
            ("-", "'-"), ("-3.5 km", "'-3.5 km")
        ])
    func neutralised(_ input: String, _ expected: String) {
        #expect(CSVText.neutralised(input) == expected)
    }

    static func evilService() -> Service {
        Service(
            id: "=evil", name: "=HYPERLINK(\"http://evil.example\",\"Click\")", organization: "@org",
            categories: ["food"], address: "-1 Via Roma", municipality: "006114",
            location: Coordinate(lon: 8.7889, lat: 44.7616), locationApproximate: false, phone: "+39 0143 1",
            languages: ["it"], verified: true)
    }

    /// The fields of `csv` (as a spreadsheet splits them), for checking what each cell starts with.
    static func cells(_ csv: String) throws -> [String] {
        let path = try Fixture.file("out.csv", csv)
        var fields: [String] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            fields += line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.hasPrefix("\"") ? String($0.dropFirst()) : String($0)
            }
        }
        return fields
    }

    @Test("the services CSV export is neutralised and imports again unchanged")
    func servicesRoundTrip() throws {
        let store = try Fixture.demoStore()
        let evil = Self.evilService()
        let csv = try ServiceExport.csv([evil])
        let cells = try Self.cells(csv)
        #expect(!cells.contains { $0.first.map { "=+-@".contains($0) } == true }, "\(cells)")
        #expect(csv.contains("'=HYPERLINK") && csv.contains("'+39 0143 1") && csv.contains(",44.7616,"))
        let path = try Fixture.file("services.csv", csv)
        let outcome = try ServiceCheck(context: store.directoryContext()).check(ServiceFile.read(path: path))
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        let back = try #require(outcome.services.first)
        #expect(
            back.id == evil.id && back.name == evil.name && back.organization == evil.organization
                && back.address == evil.address && back.phone == evil.phone)
    }

    @Test("the HSDS export is neutralised")
    func hsds() throws {
        let directory = try Fixture.temporaryDirectory().appendingPathComponent("hsds").path
        let food = Category(code: "food", labels: ["en": "Food"], descriptions: [:])
        try HSDSExport.write(services: [Self.evilService()], categories: [food], municipalityNames: [:], to: directory)
        for file in ["services.csv", "organizations.csv", "phones.csv", "locations.csv"] {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            let cells = try Self.cells(text)
            #expect(!cells.contains { $0.first.map { "=+@".contains($0) } == true }, "\(file): \(cells)")
        }
    }

    @Test("gaps.csv neutralises a service id but keeps negative numbers as numbers")
    func gapsCSV() throws {
        let evil = AnalysisTests.service("=evil", lon: 8.81, languages: ["it"])
        var inputs = AnalysisTests.inputs(responses: [], services: [evil])
        inputs.municipalities[1].point = Coordinate(lon: -3.5, lat: 44.7)
        let csv = try GapReport(GapAnalysis(inputs: inputs, config: .standard)).csv()
        #expect(csv.contains(",'=evil,") && !csv.contains(",=evil,"))
        #expect(csv.contains(",-3.5,44.7,"), "rep_lon stays a number")
    }
}
