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

@Suite("Importing boundaries")
struct BoundaryImportTests {
    static let square = "[[[8.7,44.7],[8.8,44.7],[8.8,44.8],[8.7,44.8],[8.7,44.7]]]"

    static func feature(code: String = "\"006114\"", name: String = "\"Novi Ligure\"", geometry: String? = nil)
        -> String
    {
        let g = geometry ?? #"{"type":"Polygon","coordinates":\#(square)}"#
        return
            #"{"type":"Feature","properties":{"com_istat_code":\#(code),"name":\#(name),"prov_acr":"AL"},"geometry":\#(g)}"#
    }

    static func collection(_ features: String...) -> String {
        #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }

    @Test(
        "a polygon becomes a MultiPolygon with its interior point; re-importing changes nothing; a change updates in place"
    )
    func importAndReimport() throws {
        let store = try Fixture.store()
        let path = try Fixture.file("m.geojson", Self.collection(Self.feature()))
        let first = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(first.added == ["006114"])
        let type = try store.read { try String.fetchOne($0, sql: "SELECT GeometryType(geom) FROM municipality") }
        #expect(type == "MULTIPOLYGON")
        let inside = try store.read {
            try Bool.fetchOne($0, sql: "SELECT ST_Contains(geom, rep_point) FROM municipality")
        }
        #expect(inside == true)
        let second = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(second.unchanged == ["006114"] && second.added.isEmpty && second.updated.isEmpty)

        let renamed = try Fixture.file(
            "m.geojson",
            Self.collection(
                Self.feature(name: "\"Novi\""),
                Self.feature(code: "\"006160\"")))
        let third = try store.importBoundaries(BoundaryFile.read(path: renamed), source: renamed)
        #expect(third.updated == ["006114"] && third.added == ["006160"])
        #expect(
            try store.read { try String.fetchOne($0, sql: "SELECT name FROM municipality WHERE code = '006114'") }
                == "Novi")
    }

    @Test("an invalid geometry is repaired and the repair is reported")
    func repair() throws {
        let bowTie = #"{"type":"Polygon","coordinates":[[[8.7,44.7],[8.8,44.8],[8.8,44.7],[8.7,44.8],[8.7,44.7]]]}"#
        let path = try Fixture.file("m.geojson", Self.collection(Self.feature(geometry: bowTie)))
        let store = try Fixture.store()
        let report = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(report.repaired.count == 1 && report.repaired[0].reason.contains("Self-intersection"))
        #expect(try store.read { try Bool.fetchOne($0, sql: "SELECT ST_IsValid(geom) FROM municipality") } == true)
    }

    @Test("a numeric code is accepted and padded to six digits")
    func numericCode() throws {
        let path = try Fixture.file("m.geojson", Self.collection(Self.feature(code: "6114")))
        #expect(try BoundaryFile.read(path: path).boundaries.map(\.code) == ["006114"])
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var content: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        .init(
            name: "not JSON", content: "code,name\n006114,Novi\n", expected: ["not a GeoJSON file", "not valid JSON"]),
        .init(
            name: "JSON that is not GeoJSON", content: #"{"type":"Topology","objects":{}}"#,
            expected: ["not a GeoJSON file", "Topology"]),
        .init(
            name: "a feature without the code field",
            content: collection(
                feature(),
                #"{"type":"Feature","properties":{"name":"Gavi"},"geometry":{"type":"Polygon","coordinates":\#(square)}}"#
            ),
            expected: ["feature 1", "'com_istat_code'", "missing", "--code-field"]),
        .init(
            name: "a code that is not 6 digits", content: collection(feature(code: "\"6114A\"")),
            expected: ["feature 0", "6-digit", "\"6114A\""]),
        .init(
            name: "a code with too many digits", content: collection(feature(code: "\"0061140\"")),
            expected: ["feature 0", "6-digit"]),
        .init(
            name: "a duplicated code", content: collection(feature(), feature()),
            expected: ["feature 1 (code 006114)", "also used by feature 0"]),
        .init(
            name: "a LineString geometry",
            content: collection(feature(geometry: #"{"type":"LineString","coordinates":[[8.7,44.7],[8.8,44.8]]}"#)),
            expected: ["feature 0 (code 006114)", "LineString", "expected a Polygon or MultiPolygon"]),
        .init(
            name: "a Point geometry",
            content: collection(feature(geometry: #"{"type":"Point","coordinates":[8.7,44.7]}"#)),
            expected: ["feature 0", "Point", "expected a Polygon or MultiPolygon"]),
        .init(
            name: "coordinates outside WGS84 ranges",
            content: collection(
                feature(geometry: #"{"type":"Polygon","coordinates":[[[200,44.7],[201,44.7],[201,44.8],[200,44.7]]]}"#)),
            expected: ["feature 0", "outside WGS84 ranges", "longitude within ±180"]),
        .init(
            name: "projected metres (UTM 32N)",
            content: collection(
                feature(
                    geometry:
                        #"{"type":"Polygon","coordinates":[[[490000,4950000],[500000,4950000],[500000,4960000],[490000,4950000]]]}"#
                )),
            expected: ["feature 0", "projected metres", "EPSG:32632", "ogr2ogr"]),
        .init(
            name: "an unclosed ring",
            content: collection(
                feature(geometry: #"{"type":"Polygon","coordinates":[[[8.7,44.7],[8.8,44.7],[8.8,44.8]]]}"#)),
            expected: ["feature 0", "malformed", "at least 4"]),
        .init(
            name: "an empty name", content: collection(feature(name: "\"\"")),
            expected: ["feature 0", "'name'", "empty"])
    ]

    @Test(
        "bad input names the file, the feature and what was expected, and leaves the database unchanged",
        arguments: badInputs)
    func badInput(_ bad: BadInput) throws {
        let store = try Fixture.store()
        let good = try Fixture.file("good.geojson", Self.collection(Self.feature(code: "\"006160\"")))
        try store.importBoundaries(BoundaryFile.read(path: good), source: good)
        let before = try Fixture.snapshot(store)

        let path = try Fixture.file("bad.geojson", bad.content)
        do {
            try store.importBoundaries(BoundaryFile.read(path: path), source: path)
            Issue.record("expected an error for \(bad.name)")
        } catch let error as InputError {
            let message = error.description
            #expect(message.contains("bad.geojson"))
            for fragment in bad.expected { #expect(message.contains(fragment), "\(fragment) not in: \(message)") }
        }
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test("a missing file is named as missing")
    func missingFile() {
        #expect {
            try BoundaryFile.read(path: "/tmp/no-such-territorio-file.geojson")
        } throws: { error in
            (error as? InputError)?.kind == .unreadable
                && "\(error)".contains("no-such-territorio-file.geojson: file not found")
        }
    }
}
