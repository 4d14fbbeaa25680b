import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: OGC API – Features")
struct OGCTests {
    @Test("landing page, conformance (Core + GeoJSON) and the three collections, with absolute links")
    func metadata() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let landing = try await client.get("/ogc")
            let links = try #require(try landing.json()["links"] as? [[String: String]])
            #expect(
                links.contains {
                    $0["rel"] == "data" && $0["href"]?.hasPrefix("http://") == true
                        && $0["href"]?.hasSuffix("/ogc/collections") == true
                })
            #expect(links.contains { $0["rel"] == "conformance" })
            let conformance = try await client.get("/ogc/conformance").json()["conformsTo"] as? [String]
            #expect(conformance?.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson") == true)
            let collections = try #require(
                try await client.get("/ogc/collections").json()["collections"]
                    as? [[String: Any]])
            #expect(collections.compactMap { $0["id"] as? String } == ["municipalities", "services", "gaps"])
            let gaps = try await client.get("/ogc/collections/gaps").json()
            let bbox = (gaps["extent"] as? [String: Any])?["spatial"] as? [String: Any]
            let extent = try #require((bbox?["bbox"] as? [[Double]])?.first)
            #expect(zip(extent, [8.7, 44.7, 8.9, 44.8]).allSatisfy { abs($0 - $1) < 1e-9 })
            #expect(try await client.get("/ogc/collections/submissions").status == .notFound)
            #expect(try await client.get("/ogc/collections/submissions/items").status == .notFound)
        }
    }

    @Test("behind a proxy, the links use the configured public URL, not the Host header")
    func publicURL() async throws {
        let app = try WebApp(
            store: ServerFixture.store(),
            settings: ServerSettings(publicURL: "https://territorio.example.org/"))
        try await app.application().test(.router) { client in
            let links = try #require(try await client.get("/ogc").json()["links"] as? [[String: String]])
            let data = links.first { $0["rel"] == "data" }?["href"]
            #expect(data == "https://territorio.example.org/ogc/collections")
        }
    }

    @Test("items: limit and next links page through every feature; bbox filters; bad parameters are 400")
    func items() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let first = try await client.get("/ogc/collections/municipalities/items?limit=1")
            #expect(first.headers[.contentType] == "application/geo+json")
            let page = try first.json()
            #expect(page["numberMatched"] as? Int == 2 && page["numberReturned"] as? Int == 1)
            let features = try #require(page["features"] as? [[String: Any]])
            #expect(features.first?["id"] as? String == "006001")
            let next = try #require((page["links"] as? [[String: String]])?.first { $0["rel"] == "next" }?["href"])
            let path = String(next[try #require(next.range(of: "/ogc"))!.lowerBound...])
            let second = try await client.get(path).json()
            #expect((second["features"] as? [[String: Any]])?.first?["id"] as? String == "006002")
            #expect((second["links"] as? [[String: String]])?.contains { $0["rel"] == "next" } == false)
            let inBox = try await client.get("/ogc/collections/services/items?bbox=8.8,44.7,8.9,44.8").json()
            #expect((inBox["features"] as? [[String: Any]])?.map { $0["id"] as? String } == ["caritas-1"])
            let paged = try await client.get("/ogc/collections/municipalities/items?limit=1&bbox=8,44,9,45").json()
            let nextInBox = (paged["links"] as? [[String: String]])?.first { $0["rel"] == "next" }?["href"]
            #expect(nextInBox?.hasSuffix("offset=1&bbox=8.0,44.0,9.0,45.0") == true)
            for bad in ["limit=0", "limit=x", "bbox=1,2,3", "offset=-1"] {
                #expect(try await client.get("/ogc/collections/services/items?\(bad)").status == .badRequest, "\(bad)")
            }
        }
    }

    @Test("one item by id; an unknown id is 404")
    func item() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let feature = try await client.get("/ogc/collections/services/items/csp-1").json()
            #expect(feature["type"] as? String == "Feature" && feature["id"] as? String == "csp-1")
            #expect((feature["properties"] as? [String: Any])?["name"] as? String == "Sportello CSP")
            #expect(try await client.get("/ogc/collections/services/items/none").status == .notFound)
        }
    }

    @Test("the gaps collection publishes the report's properties, with its disclosure control")
    func gaps() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        let report = GapReport(GapAnalysis(inputs: try GapInputs.load(from: store), config: .standard))
        try await app.application().test(.router) { client in
            let page = try await client.get("/ogc/collections/gaps/items").json()
            let features = try #require(page["features"] as? [[String: Any]])
            #expect(features.count == 2)
            for (i, feature) in features.enumerated() {
                let properties = try #require(feature["properties"] as? [String: Any])
                let expected = report.properties(municipality: i)
                #expect(Set(properties.keys) == Set(expected.map(\.key)))
                for (key, value) in expected { #expect(Self.same(value, properties[key]), "\(key)") }
            }
        }
    }

    static func same(_ value: GeoJSONWriter.Value, _ json: Any?) -> Bool {
        switch value {
        case .string(let s): s.map { $0 == json as? String } ?? (json is NSNull)
        case .int(let n): n.map { $0 == json as? Int } ?? (json is NSNull)
        case .double(let d): d.map { abs($0 - ((json as? Double) ?? .nan)) < 1e-9 } ?? (json is NSNull)
        case .bool(let b): b == json as? Bool
        }
    }
}
