import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("GeoJSON reading and writing")
struct GeoJSONTests {
    @Test("the writer produces JSON that Foundation parses, with six decimals and escaped strings")
    func writer() throws {
        var writer = GeoJSONWriter(members: [("attribution", GeoJSONWriter.quoted("ISTAT"))])
        let shape = MultiPolygon(
            Polygon(rings: [
                [
                    .init(x: -0.0000004, y: 44.1234567), .init(x: 8.5, y: -44), .init(x: 9, y: 45.000001),
                    .init(x: -0.0000004, y: 44.1234567)
                ]
            ]))
        writer.addFeature(
            properties: [
                "name": .string("Capriata d'Orba \"<b>\"\n"), "n": .int(3), "x": .double(nil), "ok": .bool(true)
            ],
            geometry: .multiPolygon(shape))
        writer.addFeature(properties: [:], geometry: .point(Coordinate(lon: -8.25, lat: 0.5)))
        let text = writer.finish()
        #expect(text.contains("[0,44.123457]"))
        #expect(text.contains("[8.5,-44]"))
        #expect(text.contains("[9,45.000001]"))
        #expect(text.contains("[-8.25,0.5]"))
        #expect(!text.contains("<b>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let props = try #require(features[0]["properties"] as? [String: Any])
        #expect(props["name"] as? String == "Capriata d'Orba \"<b>\"\n")
        #expect(props["x"] is NSNull)
    }

    @Test("what the writer writes, the reader reads back")
    func roundTrip() throws {
        let shape = MultiPolygon(
            Polygon(rings: [
                [.init(x: 8.1, y: 44.1), .init(x: 8.9, y: 44.1), .init(x: 8.9, y: 44.9), .init(x: 8.1, y: 44.1)]
            ]))
        var writer = GeoJSONWriter()
        writer.addFeature(properties: ["code": .string("006114")], geometry: .multiPolygon(shape))
        let features = try GeoJSONReader.features(from: Data(writer.finish().utf8))
        #expect(features.count == 1)
        #expect(features[0].properties["code"] == .string("006114"))
        guard case .multiPolygon(let read) = features[0].geometry else {
            Issue.record("expected a MultiPolygon")
            return
        }
        #expect(read == shape)
    }

    @Test("a declared projected CRS is refused with advice to reproject")
    func projectedCRS() {
        let text =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32632"}},"features":[]}"#
        #expect {
            try GeoJSONReader.features(from: Data(text.utf8))
        } throws: { error in
            "\(error)".contains("EPSG::32632") && "\(error)".contains("ogr2ogr")
        }
    }
}
