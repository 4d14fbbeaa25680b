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

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Maps and poster")
struct RenderTests {
    @Test(
        "opening hours are written out in each language",
        arguments: [
            ("it", "lun–ven 09:00–12:00; mar, gio 09:00–12:00, 14:30–16:30; chiuso nei festivi"),
            ("en", "Mon–Fri 09:00–12:00; Tue, Thu 09:00–12:00, 14:30–16:30; closed on public holidays"),
            ("fr", "lun.–ven. 09:00–12:00; mar., jeu. 09:00–12:00, 14:30–16:30; fermé les jours fériés")
        ])
    func hours(_ language: String, _ expected: String) throws {
        let hours = try OpeningHours.parse("Mo-Fr 09:00-12:00; Tu,Th 09:00-12:00,14:30-16:30; PH off")
        // Monday, Wednesday and Friday share their hours; Tuesday and Thursday have the afternoon too.
        let text = OpeningHoursText.describe(hours, language: language)
        #expect(
            text
                == expected.replacingOccurrences(of: "lun–ven 09:00–12:00", with: "lun, mer, ven 09:00–12:00")
                .replacingOccurrences(of: "Mon–Fri 09:00–12:00", with: "Mon, Wed, Fri 09:00–12:00")
                .replacingOccurrences(of: "lun.–ven. 09:00–12:00", with: "lun., mer., ven. 09:00–12:00"))
        #expect(OpeningHoursText.describe(try OpeningHours.parse("24/7"), language: language).contains("24"))
    }

    @Test("Arabic opening hours keep time ranges left-to-right")
    func arabicHours() throws {
        let text = OpeningHoursText.describe(try OpeningHours.parse("Mo-Sa 11:45-13:30"), language: "ar")
        #expect(text == "الاثنين–السبت \u{2066}11:45–13:30\u{2069}")
    }

    @Test("HTML and SVG injection in service names and addresses is printed as text")
    func injection() throws {
        let store = try Fixture.demoStore()
        var evil = try #require(try store.services().first)
        evil.id = "evil"
        evil.name = "<script>alert('x')</script>"
        evil.address = "<img src=x onerror=alert(1)> & \"quotes\""
        evil.verified = false
        try store.importServices([evil], source: "test")
        let poster = try Poster.load(store: store, faq: Fixture.geoData + "/faq.csv")
        for language in Phrases.languages {
            let html = poster.html(language: language)
            #expect(!html.contains("<script>") && !html.contains("<img"))
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;"))
        }
        let inputs = try GapInputs.load(from: store)
        let svg = try Maps.services(inputs: inputs, language: "it", store: store).svg()
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG stays well-formed")
    }

    @Test(
        "unverified services are marked \"to be checked\" in each language, not \"illustrative\"",
        arguments: [
            ("it", "da verificare"), ("en", "to be checked"), ("fr", "à vérifier"), ("ar", "قيد التحقق")
        ])
    func unverifiedBadge(_ language: String, _ badge: String) throws {
        let store = try Fixture.demoStore()
        let poster = try Poster.load(store: store, faq: Fixture.geoData + "/faq.csv")
        #expect(poster.services.contains { !$0.verified })
        let html = poster.html(language: language)
        #expect(html.contains("<span class=\"unverified\">\(badge)</span>"))
        #expect(!html.contains("illustrativ") && !html.contains("indicatif") && !html.contains("توضيحي"))
    }

    @Test("a database without services: the poster says so once, and the report says why reach is 0 %")
    func noServices() throws {
        let (db, store) = try Fixture.demoDatabase()
        try store.write { try $0.execute(sql: "DELETE FROM service") }
        let poster = try Poster.load(store: store, faq: Fixture.geoData + "/faq.csv")
        let html = poster.html(language: "it")
        #expect(html.components(separatedBy: Markup.escape(Phrases.text("poster.empty", "it"))).count == 2, "said once")
        #expect(!html.contains("Nessun servizio censito"))
        let report = GapReport(GapAnalysis(inputs: try GapInputs.load(from: store), config: .standard))
        #expect(report.hasNoServices)
        try store.close()
        let summary = try CLI.run(["report", "summary", "--db", db])
        #expect(!summary.stderr.contains("no services"), "said once, in the table")
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.hasPrefix("warning: the database has no services"), "\(summary.stdout)")
        let gaps = try CLI.run(["report", "gaps", "--db", db, "--format", "csv"])
        #expect(gaps.stderr.contains("warning: the database has no services"), "\(gaps.stderr)")
        let posterRun = try CLI.run(["poster", "--db", db, "--lang", "it", "--out", Fixture.temporaryDirectory().path])
        // --lang it makes the messages Italian too.
        #expect(posterRun.stderr.contains("attenzione: il database non ha servizi"), "\(posterRun.stderr)")
    }

    @Test("UTM 32N matches PROJ (SpatiaLite ST_Transform) to the millimetre")
    func utm() throws {
        let store = try Fixture.store()
        for c in [
            Coordinate(lon: 8.7967, lat: 44.7622), Coordinate(lon: 9.2, lat: 44.5), Coordinate(lon: 7.1, lat: 46.0)
        ] {
            let p = TransverseMercator.utm32N.project(c)
            let row = try store.read { db in
                try GRDB.Row.fetchOne(
                    db, sql: "SELECT X(t), Y(t) FROM (SELECT ST_Transform(MakePoint(?, ?, 4326), 32632) AS t)",
                    arguments: [c.lon, c.lat])
            }
            let x: Double = try #require(row?[0])
            let y: Double = try #require(row?[1])
            #expect(abs(p.x - x) < 0.001 && abs(p.y - y) < 0.001, "\(p) vs \(x), \(y)")
        }
    }
}
