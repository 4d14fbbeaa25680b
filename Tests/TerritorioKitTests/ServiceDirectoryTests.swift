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

@Suite("Service directory")
struct ServiceDirectoryTests {
    static let header = Service.columns.joined(separator: ",")

    /// A one-service CSV: `overrides` replace the fields of a valid service in Novi Ligure.
    static func csv(_ rows: [[String: String]]) -> String {
        let base = [
            "id": "test-1", "name": "Test desk", "organization": "Org", "categories": "food;listening",
            "address": "Via Roma 1",
            "postal_code": "15067", "municipality": "006114", "lat": "44.7616", "lon": "8.7889",
            "location_approximate": "",
            "phone": "0143 1", "email": "desk@example.org", "website": "https://example.org",
            "opening_hours": "Mo-Fr 09:00-12:00",
            "languages": "it;en", "eligibility": "Everyone", "capacity": "2", "verified": "true",
            "last_updated": "2026-10-01", "source": "test"
        ]
        let lines = rows.map { overrides in
            Service.columns.map { c -> String in
                let v = overrides[c] ?? base[c]!
                return v.contains(",") || v.contains("\"")
                    ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
            }.joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    func check(_ store: Store, _ text: String, allowOutside: Bool = false) throws -> ServiceCheck.Outcome {
        let path = try Fixture.file("services.csv", text)
        return try ServiceCheck(context: store.directoryContext(), allowOutside: allowOutside).check(
            ServiceFile.read(path: path))
    }

    @Test("the demo directory loads whole: every service valid, every category answered")
    func demoDirectory() throws {
        let store = try Fixture.demoStore()
        let services = try store.services()
        let table = try CSVStream.table(path: Fixture.geoData + "/services.csv")
        #expect(services.count == table.records.count)
        let categories = try store.categories()
        #expect(categories.count == 16)
        #expect(Set(categories.map(\.code)).isSubset(of: Set(services.flatMap(\.categories))))
        #expect(categories.allSatisfy { c in Category.languages.allSatisfy { !(c.labels[$0] ?? "").isEmpty } })
        #expect(
            categories.allSatisfy {
                $0.labels["ar"]!.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } == true
            },
            "Arabic labels start with Arabic script")
        #expect(services.contains { !$0.verified }, "unverified entries stay marked")
    }

    @Test("round trip: import, export CSV, import again changes nothing")
    func roundTrip() throws {
        let store = try Fixture.demoStore()
        let before = try store.services()
        let exported = try ServiceExport.csv(before)
        let outcome = try check(store, exported)
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        let report = try store.importServices(outcome.services, source: "export")
        #expect(report.unchanged.count == before.count && report.added.isEmpty && report.updated.isEmpty)
        #expect(try store.services() == before)
    }

    @Test("a service without coordinates is placed at its municipality's representative point and flagged")
    func approximateLocation() throws {
        let store = try Fixture.demoStore()
        let outcome = try check(store, Self.csv([["lat": "", "lon": "", "municipality": "Serravalle Scrivia"]]))
        #expect(outcome.problems.isEmpty)
        let service = try #require(outcome.services.first)
        #expect(service.locationApproximate && service.municipality == "006160")
        let rep = try store.read {
            try Row.fetchOne($0, sql: "SELECT X(rep_point), Y(rep_point) FROM municipality WHERE code = '006160'")
        }
        #expect(service.location == Coordinate(lon: rep![0], lat: rep![1]))
    }

    @Test("a point in another municipality than the declared one is a warning naming both")
    func otherMunicipality() throws {
        let store = try Fixture.demoStore()
        let outcome = try check(store, Self.csv([["municipality": "006081"]]))  // Gavi declared, point in Novi Ligure
        #expect(outcome.problems.isEmpty && outcome.services.count == 1)
        let warning = try #require(outcome.warnings.first).description
        #expect(warning.contains("Novi Ligure (006114)") && warning.contains("Gavi (006081)"))
    }

    @Test("outside the consortium is an error unless allowed")
    func outside() throws {
        let store = try Fixture.demoStore()
        let genoa = Self.csv([["lat": "44.4073", "lon": "8.9339", "municipality": "010025"]])
        let refused = try check(store, genoa)
        #expect(refused.services.isEmpty)
        #expect(
            refused.problems.contains {
                $0.message.contains("outside the consortium") && $0.message.contains("--allow-outside")
            })
        let allowed = try check(store, genoa, allowOutside: true)
        #expect(allowed.problems.isEmpty && allowed.services.first?.municipality == "010025")
    }

    struct BadRow: Sendable, CustomTestStringConvertible {
        var name: String
        var rows: [[String: String]]
        var field: String
        var fragments: [String]
        var testDescription: String { name }
    }

    static let badRows: [BadRow] = [
        .init(
            name: "unknown category, with a suggestion", rows: [["categories": "fod"]], field: "categories",
            fragments: ["unknown category 'fod'", "did you mean 'food'"]),
        .init(name: "latitude out of range", rows: [["lat": "144.76"]], field: "lat", fragments: ["WGS84", "144.76"]),
        .init(
            name: "lat and lon swapped", rows: [["lat": "8.7889", "lon": "44.7616"]], field: "lat",
            fragments: ["look swapped"]),
        .init(name: "only one coordinate", rows: [["lon": ""]], field: "lon", fragments: ["both lat and lon"]),
        .init(
            name: "unparseable opening hours", rows: [["opening_hours": "lun-ven 9-12"]], field: "opening_hours",
            fragments: ["cannot read the opening hours", "\"lun-ven\""]),
        .init(
            name: "duplicate ids", rows: [[:], ["name": "Other"]], field: "id",
            fragments: ["the id test-1 is also used at row 2"]),
        .init(
            name: "unknown language code", rows: [["languages": "it;ita"]], field: "languages",
            fragments: ["unknown language code 'ita'", "ISO 639-1"]),
        .init(name: "empty name", rows: [["name": ""]], field: "name", fragments: ["empty"]),
        .init(name: "empty id", rows: [["id": ""]], field: "id", fragments: ["empty"]),
        .init(name: "bad e-mail", rows: [["email": "desk at example"]], field: "email", fragments: ["e-mail address"]),
        .init(name: "negative capacity", rows: [["capacity": "-2"]], field: "capacity", fragments: ["0 or more"]),
        .init(
            name: "impossible date", rows: [["last_updated": "2026-02-30"]], field: "last_updated",
            fragments: ["YYYY-MM-DD"]),
        .init(
            name: "unknown municipality name", rows: [["municipality": "Novi Ligurria", "lat": "", "lon": ""]],
            field: "municipality", fragments: ["did you mean Novi Ligure"])
    ]

    @Test(
        "each bad row is a row-level error naming row and column, and without --partial nothing is written",
        arguments: badRows)
    func badRow(_ bad: BadRow) throws {
        let store = try Fixture.demoStore()
        let before = try store.services()
        let outcome = try check(store, Self.csv(bad.rows))
        let problem = try #require(outcome.problems.first { $0.field == bad.field }, "\(outcome.problems)")
        let text = problem.description
        #expect(text.hasPrefix("row "), "\(text)")
        for f in bad.fragments { #expect(text.contains(f), "\(f) not in: \(text)") }
        #expect(outcome.rejected >= 1)
        #expect(try store.services() == before)
    }

    @Test("GeoJSON points with the same properties import like CSV rows")
    func geoJSONInput() throws {
        let store = try Fixture.demoStore()
        let text =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[8.7889,44.7616]},"properties":{"id":"gj-1","name":"Desk","categories":["food","health"],"languages":"it ar","opening_hours":"Mo-Fr 09:00-12:00"}}]}"#
        let path = try Fixture.file("services.geojson", text)
        let outcome = try ServiceCheck(context: store.directoryContext()).check(ServiceFile.read(path: path))
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        let s = try #require(outcome.services.first)
        #expect(s.categories == ["food", "health"] && s.languages == ["ar", "it"] && s.municipality == "006114")
    }

    @Test("the GeoJSON export is RFC 7946: a FeatureCollection of lon/lat Points with flat properties, read by ogrinfo")
    func geoJSONExport() throws {
        let store = try Fixture.demoStore()
        let services = try store.services()
        let text = ServiceExport.geoJSON(services, categories: try store.categories())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        #expect(json["crs"] == nil, "RFC 7946 has no crs member")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == services.count)
        for f in features {
            let g = try #require(f["geometry"] as? [String: Any])
            #expect(g["type"] as? String == "Point")
            let c = try #require(g["coordinates"] as? [Double])
            #expect(c.count == 2 && abs(c[0]) <= 180 && abs(c[1]) <= 90 && c[1] > 44 && c[0] < 10, "lon, lat order")
            let props = try #require(f["properties"] as? [String: Any])
            #expect(props.values.allSatisfy { !($0 is [Any]) && !($0 is [String: Any]) }, "flat properties")
        }
        let path = try Fixture.file("services.geojson", text)
        let info = try #require(try runTool("ogrinfo", ["-so", "-al", path]), "ogrinfo is not installed (gdal-bin)")
        #expect(info.output.contains("Geometry: Point") && info.output.contains("Feature Count: \(services.count)"))
    }

    @Test("ogrinfo lists the services layer as Point in EPSG:4326")
    func ogrinfoServices() throws {
        let directory = try Fixture.temporaryDirectory()
        let database = directory.appendingPathComponent("territorio.sqlite").path
        let store = try Store.open(at: database)
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        let count = try store.services().count
        try store.close()
        let result = try #require(
            try runTool("ogrinfo", ["-so", database, "service"]), "ogrinfo is not installed (gdal-bin)")
        #expect(result.output.contains("Geometry: Point"), "\(result.output)")
        #expect(result.output.contains("Feature Count: \(count)"))
        #expect(result.output.contains(#"ID["EPSG",4326]"#))
    }

    @Test(
        "the HSDS 3.0 package validates with frictionless, and every service is there with its schedule and languages")
    func hsds() throws {
        let store = try Fixture.demoStore()
        let services = try store.services()
        let directory = try Fixture.temporaryDirectory().appendingPathComponent("hsds").path
        try HSDSExport.write(
            services: services, categories: try store.categories(), municipalityNames: try store.municipalityNames(),
            to: directory)

        let result = try #require(
            try runTool("frictionless", ["validate", "--json", directory + "/datapackage.json"]),
            "frictionless is not installed: run scripts/bootstrap.sh")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)")
        #expect(report["valid"] as? Bool == true, "\(result.output.prefix(3000))")

        let serviceTable = try CSVStream.table(path: directory + "/services.csv")
        #expect(serviceTable.records.count == services.count)
        let schedules = try CSVStream.table(path: directory + "/schedules.csv")
        let languages = try CSVStream.table(path: directory + "/languages.csv")
        let locations = try CSVStream.table(path: directory + "/locations.csv")
        let externalID = locations.column("external_identifier")!
        #expect(Set(locations.records.map { $0[externalID] }) == Set(services.map(\.id)))
        for s in services {
            let uuid = StableUUID.make("service", s.id)
            let scheduleRows = schedules.records.filter { $0[schedules.column("service_id")!] == uuid }
            if s.openingHours != nil { #expect(!scheduleRows.isEmpty, "\(s.id) has a schedule") }
            let codes = languages.records.filter { $0[languages.column("service_id")!] == uuid }.map {
                $0[languages.column("code")!]
            }
            #expect(codes.sorted() == s.languages, "\(s.id) languages")
        }

        // A broken reference must be caught: the validation is not a rubber stamp.
        let atPath = directory + "/service_at_location.csv"
        var text = try String(contentsOfFile: atPath, encoding: .utf8)
        text = text.replacingOccurrences(
            of: StableUUID.make("service", services[0].id), with: "00000000-0000-8000-8000-000000000000")
        try text.write(toFile: atPath, atomically: true, encoding: .utf8)
        let broken = try #require(try runTool("frictionless", ["validate", "--json", directory + "/datapackage.json"]))
        let brokenReport = try JSONSerialization.jsonObject(with: Data(broken.output.utf8)) as? [String: Any]
        #expect(brokenReport?["valid"] as? Bool == false)
    }
}
