import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: the poster print view and its QR code")
struct PosterPageTests {
    /// The QR code in a poster page: the SVG inside `<figure class="qr">`.
    static func qr(in page: String) -> String? {
        guard let figure = page.range(of: "<figure class=\"qr\">"),
            let end = page.range(of: "</svg>", range: figure.upperBound..<page.endIndex)
        else { return nil }
        return String(page[figure.upperBound..<end.upperBound])
    }

    @Test("each language's poster has the QR code of the public directory URL from the settings, not the Host header")
    func qrPointsToDirectory() async throws {
        let app = try WebApp(
            store: ServerFixture.store(),
            settings: ServerSettings(bcryptCost: 4, publicURL: "https://territorio.example.org/"))
        try await app.application().test(.router) { client in
            for language in ["it", "en", "fr", "ar"] {
                // The test client's requests come with the authority "localhost".
                let response = try await client.get("/poster?lang=\(language)")
                #expect(response.status == .ok)
                let page = response.text
                let expectedURL = "https://territorio.example.org/?lang=\(language)"
                let code = try #require(Self.qr(in: page), "\(language)")
                #expect(code == (try QRCode.svg(expectedURL)), "\(language)")
                #expect(code != (try QRCode.svg("http://localhost/?lang=\(language)")))
                #expect(page.contains("<bdi dir=\"ltr\" class=\"url\">\(expectedURL)</bdi>"))
                #expect(!page.contains("localhost"))
                #expect(page.contains(Markup.escape(Phrases.text("poster.title", language))))
            }
        }
    }

    @Test("the Arabic poster is right to left; the print view links its stylesheet and has no inline style or script")
    func printView() async throws {
        try await ServerFixture.app(ServerFixture.store()).application().test(.router) { client in
            let arabic = try await client.get("/poster?lang=ar").text
            #expect(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.contains("<link rel=\"stylesheet\" href=\"/static/poster.css\">"))
            #expect(!arabic.contains("<style") && !arabic.contains("style=\"") && !arabic.contains("<script"))
            #expect(arabic.contains("&lt;script&gt;alert(1)&lt;/script&gt; Caritas"))
            // Without a public URL, the address the server listens on (the settings' default).
            // The request's authority (Host) is "localhost" here, and is not used.
            #expect(Self.qr(in: arabic) == (try QRCode.svg("http://127.0.0.1:8080/?lang=ar")))
            #expect(!arabic.contains("localhost"))
            let css = try await client.get("/static/poster.css")
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(css.text.contains("@page { size: A3 portrait"))
            #expect(css.text.contains(".qr svg"))
        }
    }

    @Test("the directory page the QR code leads to is public, sized for phones and says whether services are open")
    func directoryTarget() async throws {
        try await ServerFixture.app(ServerFixture.store()).application().test(.router) { client in
            let page = try await client.get("/?lang=en")
            #expect(page.status == .ok)
            #expect(page.text.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            #expect(page.text.contains("<html lang=\"en\" dir=\"ltr\">"))
            // The 24/7 service is open whenever the test runs.
            #expect(page.text.contains("class=\"status open\""))
        }
    }
}
