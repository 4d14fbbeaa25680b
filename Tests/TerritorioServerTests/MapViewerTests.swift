import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: the map viewer")
struct MapViewerTests {
    /// The embedded default with the sample surveys (real counts, some below k) and one account
    /// per role.
    static func surveyedStore() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-map-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store.open(at: folder.appendingPathComponent("territorio.sqlite").path)
        try DefaultData.embedded.withGeoData { geoData in
            try EmbeddedDefault.load(into: store, geoData: geoData)
            try EmbeddedDefault.ingestSamples(into: store, geoData: geoData)
        }
        for (name, role) in [("planner", AccountRole.planner), ("op", .operator), ("researcher", .researcher)] {
            try store.addAccount(
                name: name, organisation: "CSP", role: role,
                passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
        }
        return store
    }

    @Test("the map needs a planner, admin or operator: the public is sent to sign-in, a researcher gets 403")
    func roles() async throws {
        let store = try ServerFixture.store()
        try store.addAccount(
            name: "researcher", organisation: "CSP", role: .researcher,
            passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
        try await ServerFixture.app(store).application().test(.router) { client in
            for uri in ["/map", "/map/data.json", "/map/gaps.svg", "/map/gaps.png", "/map/report.csv"] {
                let anonymous = try await client.get(uri)
                #expect(anonymous.status == .seeOther, "\(uri)")
                #expect(anonymous.headers[.location] == "/signin", "\(uri)")
            }
            let researcher = try await client.signIn("researcher").cookie
            #expect(try await client.get("/map", cookies: researcher).status == .forbidden)
            #expect(try await client.get("/map/data.json", cookies: researcher).status == .forbidden)
            let operatorCookie = try await client.signIn("op-csp").cookie
            let page = try await client.get("/map", cookies: operatorCookie)
            #expect(page.status == .ok)
            #expect(!page.text.contains("/map/report.csv"))
            for uri in ["/map/report.csv", "/map/report.geojson", "/map/gaps.png", "/map/gaps.svg?download=1"] {
                #expect(try await client.get(uri, cookies: operatorCookie).status == .forbidden, "\(uri)")
            }
            let planner = try await client.signIn("planner").cookie
            let plannerPage = try await client.get("/map?category=housing", cookies: planner)
            #expect(plannerPage.status == .ok)
            #expect(plannerPage.text.contains("/map/report.csv"))
            #expect(plannerPage.text.contains("<option value=\"housing\" selected>"))
            #expect(try await client.get("/map?category=nothing", cookies: planner).status == .notFound)
        }
    }

    @Test("the page loads Leaflet and its script from this server, no inline script; the SVG map is its fallback")
    func page() async throws {
        try await ServerFixture.app(ServerFixture.store()).application().test(.router) { client in
            let cookie = try await client.signIn("planner").cookie
            let page = try await client.get("/map?lang=ar", cookies: cookie).text
            #expect(page.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(page.contains("<script src=\"/static/leaflet/leaflet.js\"></script>"))
            #expect(page.contains("<script src=\"/static/map.js\"></script>"))
            #expect(
                page.components(separatedBy: "<script").count == page.components(separatedBy: "<script src=\"/").count)
            #expect(!page.contains("://unpkg") && !page.contains("cdn"))
            #expect(page.contains("<img src=\"/map/gaps.svg?category=food&amp;lang=ar\""))
            #expect(page.contains("data-src=\"/map/data.json?category=food&amp;lang=ar\""))
            #expect(page.contains(Phrases.text("attribution", "ar")))
        }
    }

    @Test("leaflet.js and leaflet.css are the local Debian copy, with JS and CSS types; other paths are 404")
    func leaflet() async throws {
        let local = try #require(FileManager.default.contents(atPath: WebApp.leafletFolder + "/leaflet.js"))
        try await ServerFixture.app(ServerFixture.store()).application().test(.router) { client in
            let js = try await client.get("/static/leaflet/leaflet.js")
            #expect(js.status == .ok)
            #expect(js.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(Data(buffer: js.body) == local)
            let css = try await client.get("/static/leaflet/leaflet.css")
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await client.get("/static/leaflet/images/layers.png").headers[.contentType] == "image/png")
            #expect(try await client.get("/static/leaflet/leaflet.js.map").status == .notFound)
            #expect(try await client.get("/static/leaflet/..%2F..%2F..%2Fetc%2Fpasswd").status == .notFound)
            let mapJS = try await client.get("/static/map.js")
            #expect(mapJS.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(!mapJS.text.contains("innerHTML ="))
        }
    }

    @Test("the map data are the report's published figures for the category, never a count below k")
    func dataMatchesReport() async throws {
        let store = try Self.surveyedStore()
        let app = try ServerFixture.app(store)
        let report = try #require(try await app.publishedReport())
        let k = report.analysis.config.k
        try await app.application().test(.router) { client in
            var withheld = 0
            let cookie = try await client.signIn("planner").cookie
            for category in report.analysis.categories.map(\.code) {
                let data = try await client.get("/map/data.json?category=\(category)", cookies: cookie)
                #expect(data.headers[.contentType] == "application/geo+json")
                let features = try #require(try data.json()["features"] as? [[String: Any]])
                #expect(features.count == report.analysis.inputs.municipalities.count)
                for feature in features {
                    let p = try #require(feature["properties"] as? [String: Any])
                    let code = try #require(p["istat_code"] as? String)
                    let i = try #require(report.analysis.inputs.municipalities.firstIndex { $0.code == code })
                    let expected = report.properties(municipality: i).filter { $0.key.hasPrefix(category + "_") }
                    for (key, value) in expected {
                        let name = String(key.dropFirst(category.count + 1))
                        #expect(OGCTests.same(value, p[name]), "\(category) \(code) \(name)")
                    }
                    for name in GapReport.countNames {
                        if let n = p[name] as? Int { #expect(n == 0 || n >= k, "\(category) \(code) \(name) = \(n)") }
                        if p[name + "_suppressed"] as? Bool == true { withheld += 1 }
                    }
                    let level = (p["gap_level"] as? String) ?? "suppressed"
                    let fill = SVGMap.gapFills.first { $0.style == "gap-" + level }?.fill
                    #expect(p["fill"] as? String == fill)
                }
            }
            // The samples have small counts: the test saw withheld cells, not only published ones.
            #expect(withheld > 0)
        }
    }

    @Test("the legend has the SVG map's classes and fills, hatching for insufficient data and withheld")
    func legend() async throws {
        try await ServerFixture.app(ServerFixture.store()).application().test(.router) { client in
            let cookie = try await client.signIn("admin").cookie
            let data = try await client.get("/map/data.json?category=food&lang=en", cookies: cookie).json()
            let legend = try #require(data["legend"] as? [[String: Any]])
            let areaFills = legend.filter { $0["point"] as? Bool == false }.compactMap { $0["fill"] as? String }
            #expect(areaFills == SVGMap.gapFills.map(\.fill))
            #expect(areaFills.suffix(2) == ["url(#hatch)", "url(#crosshatch)"])
            #expect(legend.map { $0["label"] as? String }.contains("Withheld (small numbers)"))
            #expect(data["patterns"] as? String == SVGMap.patternDefs)
            #expect(SVGMap.patternDefs.contains("id=\"hatch\"") && SVGMap.patternDefs.contains("id=\"crosshatch\""))
            let services = try #require(data["services"] as? [[String: Any]])
            #expect(services.count == 2)
            #expect(data["attribution"] as? String == Phrases.text("attribution", "en"))
        }
    }

    @Test("downloads are the same library calls as `territorio map gaps` and `report gaps`")
    func downloads() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        let report = try #require(try await app.publishedReport())
        try await app.application().test(.router) { client in
            let cookie = try await client.signIn("planner").cookie
            let svg = try await client.get("/map/gaps.svg?category=food&lang=fr&download=1", cookies: cookie)
            #expect(svg.headers[.contentDisposition]?.contains("attachment") == true)
            let expected = try Maps.gaps(report: report, category: "food", language: "fr", store: store).svg()
            #expect(svg.text == expected)
            let csv = try await client.get("/map/report.csv", cookies: cookie)
            #expect(csv.text == (try report.csv()))
            let geojson = try await client.get("/map/report.geojson", cookies: cookie).json()
            #expect((geojson["features"] as? [Any])?.count == 2)
            // rsvg-convert is a runtime dependency (scripts/bootstrap.sh), as for `map gaps --png`.
            let png = try await client.get("/map/gaps.png?category=food", cookies: cookie)
            #expect(png.headers[.contentType] == "image/png")
            #expect(Array(Data(buffer: png.body).prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
