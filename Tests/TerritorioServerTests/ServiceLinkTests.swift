import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// Links built from data: a service id with a space, `/`, `?`, `#`, `%`, `&`, `+` and a
/// non-ASCII letter is percent-encoded in every link, and the routes read it back.
@Suite("Web app: links to services whose ids need percent-encoding")
struct ServiceLinkTests {
    static let id = "a b/c?d#e%f&g+è-1"
    /// The id as one path segment, written out by hand (UTF-8 for è).
    static let segment = "a%20b%2Fc%3Fd%23e%25f%26g%2B%C3%A8-1"

    /// The first `href`/`action` value in `html` that starts with `prefix`.
    static func link(_ html: String, _ attribute: String, startingWith prefix: String) -> String? {
        guard let start = html.range(of: "\(attribute)=\"\(prefix)") else { return nil }
        let rest = html[start.lowerBound...].dropFirst(attribute.count + 2)
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test(
        "the services list links to the page's edit, verify and history routes; the forms post back to it",
        arguments: Backend.all)
    func oddIdentifier(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let odd = ServerFixture.service(Self.id, name: "Servizio con id strano", organisation: "CSP", at: 8.76)
        _ = try await store.importServices([odd], source: "odd.csv")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let list = try await client.get("/services", cookies: cookie)
            let base = "/services/\(Self.segment)"
            for route in ["edit", "verify", "history"] {
                #expect(list.text.contains("href=\"\(base)/\(route)\""), "\(route)")
            }
            let edit = try #require(Self.link(list.text, "href", startingWith: base + "/edit"))
            let form = try await client.get(edit, cookies: cookie)
            #expect(form.status == .ok && form.text.contains("Servizio con id strano"), "\(form.status)")
            let action = try #require(Self.link(form.text, "action", startingWith: "/services/"))
            #expect(action == base)
            let changes = ["opening_hours": "Mo-Sa 08:00-13:00"]
            let saved = try await client.post(action, serviceForm(odd, csrf: csrf, changes), cookies: cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/services?notice=saved")

            let verifyPage = try await client.get(base + "/verify", cookies: cookie)
            #expect(verifyPage.status == .ok)
            let verifyAction = try #require(Self.link(verifyPage.text, "action", startingWith: "/services/"))
            #expect(verifyAction == base + "/verify")
            let check = ["csrf": csrf, "method": "phone", "outcome": "confirmed", "note": ""]
            #expect(try await client.post(verifyAction, check, cookies: cookie).status == .seeOther)

            let history = try await client.get(base + "/history", cookies: cookie)
            #expect(history.status == .ok && history.text.contains("Servizio con id strano"))
            let feature = try await client.get("/ogc/collections/services/items/" + Self.segment).json()
            #expect(feature["id"] as? String == Self.id, "the OGC API reads the encoded id back too")
            // Unencoded, the id's `/` would split it: no route serves that as this service.
            #expect(try await client.get("/services/a%20b/c/edit", cookies: cookie).status == .notFound)
        }
        #expect(try await store.service(id: Self.id)?.openingHours == "Mo-Sa 08:00-13:00")
        #expect(try await store.lastVerifications()[Self.id] != nil)
        #expect(
            try await store.service(id: "csp-1")?.openingHours == "Mo-Fr 09:00-12:00", "the other service untouched")
    }

    @Test("the helper encodes everything but unreserved ASCII (UTF-8 bytes for letters such as è or ب)")
    func encoding() {
        #expect(URLComponent.encoded(Self.id) == Self.segment)
        #expect(URLComponent.encoded("food_1-a.b~c") == "food_1-a.b~c")
        #expect(URLComponent.encoded("ب") == "%D8%A8")
    }
}
