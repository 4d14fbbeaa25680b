import Foundation
import Hummingbird
import HummingbirdTesting
import TerritorioData
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: public pages and security headers")
struct PublicPageTests {
    @Test("the public directory needs no sign-in, lists services by category and escapes their names")
    func publicDirectory() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"it\" dir=\"ltr\">"))
            #expect(page.text.contains("<h2>Cibo</h2>"))
            #expect(page.text.contains("<bdi dir=\"ltr\">Sportello CSP</bdi>"))
            #expect(page.text.contains("lun–ven 09:00–12:00"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Caritas"))
            #expect(!page.text.contains("<script>"))
            // 24/7 is open whenever the test runs.
            #expect(page.text.contains("Aperto ora"))
        }
    }

    @Test("every response carries a Content-Security-Policy without inline script, and no-sniff, no framing")
    func securityHeaders() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            for uri in ["/", "/signin", "/ogc", "/services"] {
                let response = try await client.get(uri)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("the language comes from ?lang=, then the cookie, then Accept-Language; Arabic is right to left")
    func language() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let arabic = try await client.get("/?lang=ar")
            #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.text.contains("<h2>طعام</h2>"))
            let cookie = try #require(arabic.cookie("lang"))
            #expect(cookie == "lang=ar")
            let again = try await client.get("/", cookies: cookie)
            #expect(again.text.contains("dir=\"rtl\""))
            let french = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr-CH, en;q=0.8"])
            #expect(french.text.contains("<html lang=\"fr\""))
            #expect(french.text.contains("Nourriture"))
        }
        #expect(WebStrings.negotiate(query: "xx", cookie: nil, acceptLanguage: "de, en-GB") == "en")
        #expect(WebStrings.negotiate(query: nil, cookie: nil, acceptLanguage: nil) == "it")
    }

    @Test("the stylesheet is served from the binary")
    func stylesheet() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let css = try await client.get("/static/style.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("main {"))
            #expect(try await client.get("/static/nothing.css").status == .notFound)
            let unknown = try await client.get("/no/such/page")
            #expect(unknown.status == .notFound && unknown.text.contains("Pagina non trovata"))
            #expect(unknown.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("open now: today's ranges, yesterday's ranges past midnight, closed days")
    func openNow() throws {
        let hours = try OpeningHours.parse("Mo-Fr 09:00-12:00; Sa 22:00-02:00")
        #expect(hours.isOpen(weekday: 0, minute: 9 * 60))
        #expect(!hours.isOpen(weekday: 0, minute: 12 * 60))
        #expect(!hours.isOpen(weekday: 6, minute: 10 * 60))
        #expect(hours.isOpen(weekday: 5, minute: 23 * 60))
        #expect(hours.isOpen(weekday: 6, minute: 60))
        #expect(!hours.isOpen(weekday: 6, minute: 3 * 60))
        // Monday 10:30 in Rome (CET, UTC+1) is 09:30 UTC.
        let monday = ISO8601DateFormatter().date(from: "2026-11-23T09:30:00Z")!
        #expect(hours.isOpen(at: monday))
    }

    @Test("the interface strings: every key in four languages, every key the templates use exists, no raw output")
    func catalogue() throws {
        let strings = WebStrings.embedded
        #expect(strings.keys.count > 30)
        for language in WebStrings.languages {
            for key in strings.keys {
                let value = strings.table[language]?[key] ?? ""
                #expect(value.isEmpty == false, "\(language) \(key)")
            }
        }
        for path in EmbeddedData.paths(in: "Web/templates") {
            let text = String(decoding: try #require(EmbeddedData.file(path)), as: UTF8.self)
            #expect(!text.contains("{{{") && !text.contains("{{&"), "\(path) writes raw data")
            for match in text.matches(of: /\{\{t\.([a-z_]+)\}\}/) {
                #expect(strings.keys.contains(String(match.1)), "\(path) uses t.\(match.1)")
            }
        }
    }
}
