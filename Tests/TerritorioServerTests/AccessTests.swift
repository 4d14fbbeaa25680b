import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: sign-in, roles, CSRF, audit")
struct AccessTests {
    @Test("signed-in pages are closed to the public: GET redirects to sign-in, POST is 401, nothing changes")
    func publicIsKeptOut() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            for uri in ["/services", "/services/csp-1/edit", "/audit"] {
                let response = try await client.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/signin")
            }
            let post = try await client.post("/services/csp-1", ["name": "Hacked"])
            #expect(post.status == .unauthorized)
            let forged = try await client.get("/services", cookies: "\(WebApp.sessionCookie)=0123456789abcdef")
            #expect(forged.status == .seeOther)
        }
        #expect(try store.services().first { $0.id == "csp-1" }?.name == "Sportello CSP")
    }

    @Test("sign-in sets an HttpOnly, SameSite=Strict session cookie; the store keeps only its hash")
    func signIn() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, token) = try await client.signInForm()
            let response = try await client.post(
                "/signin",
                [
                    "csrf": token, "name": "op-csp",
                    "password": ServerFixture.password
                ], cookies: cookie)
            #expect(response.status == .seeOther && response.headers[.location] == "/services")
            let header = try #require(
                response.headers[values: .setCookie].first {
                    $0.hasPrefix(WebApp.sessionCookie + "=")
                })
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict"))
            #expect(!header.contains("Secure"))
            let value = String(try #require(response.cookie(WebApp.sessionCookie)).split(separator: "=")[1])
            let stored = try store.read { try String.fetchAll($0, sql: "SELECT token_hash FROM web_session") }
            #expect(stored == [WebApp.hash(value)])
            let page = try await client.get("/services", cookies: "\(WebApp.sessionCookie)=\(value)")
            #expect(page.status == .ok && page.text.contains("op-csp"))
        }
    }

    @Test("cookies are marked Secure when the app is served over TLS")
    func secureCookies() async throws {
        let app = try WebApp(store: ServerFixture.store(), settings: ServerSettings(secureCookies: true))
        try await app.application().test(.router) { client in
            let form = try await client.get("/signin")
            #expect(form.headers[values: .setCookie].allSatisfy { $0.contains("; Secure") })
        }
    }

    @Test("a sign-in POST without the form's token, or with another, is 403")
    func signInCSRF() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signInForm()
            let missing = try await client.post(
                "/signin", ["name": "admin", "password": ServerFixture.password],
                cookies: cookie)
            #expect(missing.status == .forbidden && missing.cookie(WebApp.sessionCookie) == nil)
            let other = try await client.post(
                "/signin",
                [
                    "csrf": "00", "name": "admin",
                    "password": ServerFixture.password
                ], cookies: cookie)
            #expect(other.status == .forbidden)
        }
    }

    @Test("wrong passwords are rate-limited: after the limit even the right password is refused (429)")
    func rateLimit() async throws {
        let app = try ServerFixture.app(ServerFixture.store(), attempts: 3)
        try await app.application().test(.router) { client in
            for _ in 0..<3 {
                let (cookie, token) = try await client.signInForm()
                let wrong = try await client.post(
                    "/signin", ["csrf": token, "name": "admin", "password": "nope"],
                    cookies: cookie)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("Nome utente o password errati"))
            }
            let (cookie, token) = try await client.signInForm()
            let right = try await client.post(
                "/signin",
                [
                    "csrf": token, "name": "admin",
                    "password": ServerFixture.password
                ], cookies: cookie)
            #expect(right.status == .tooManyRequests && right.cookie(WebApp.sessionCookie) == nil)
            // Another account is not blocked by these failures.
            _ = try await client.signIn("op-csp")
        }
    }

    @Test("the limiter forgets names whose failures left the window once it tracks many")
    func limiterMemory() async {
        let limiter = SignInLimiter(attempts: 2, window: 60)
        let old = Date(timeIntervalSince1970: 0)
        for i in 0..<SignInLimiter.pruneAbove { await limiter.recordFailure("name\(i)", now: old) }
        #expect(await limiter.trackedNames == SignInLimiter.pruneAbove)
        await limiter.recordFailure("recent", now: old.addingTimeInterval(3600))
        #expect(await limiter.trackedNames == 1)
        await limiter.recordFailure("recent", now: old.addingTimeInterval(3601))
        #expect(await limiter.isBlocked("recent", now: old.addingTimeInterval(3602)))
        #expect(await !limiter.isBlocked("recent", now: old.addingTimeInterval(3700)))
    }

    @Test("an unknown account name fails like a wrong password")
    func unknownAccount() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, token) = try await client.signInForm()
            let response = try await client.post(
                "/signin", ["csrf": token, "name": "nobody", "password": "x"],
                cookies: cookie)
            #expect(response.status == .unauthorized)
        }
    }

    @Test("an operator edits its own organisation's service; the change is in the audit log", arguments: Backend.all)
    func operatorEditsOwn(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let list = try await client.get("/services", cookies: cookie)
            #expect(list.text.contains("/services/csp-1/edit") && !list.text.contains("/services/caritas-1/edit"))
            let form = try await client.get("/services/csp-1/edit", cookies: cookie)
            #expect(form.status == .ok && form.text.contains("value=\"Mo-Fr 09:00-12:00\""))
            let stored = try #require(try await store.service(id: "csp-1"))
            let fields = serviceForm(stored, csrf: csrf, ["opening_hours": "Mo-Sa 08:30-13:00"])
            let saved = try await client.post("/services/csp-1", fields, cookies: cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/services?notice=saved")
        }
        let service = try #require(try await store.service(id: "csp-1"))
        #expect(service.openingHours == "Mo-Sa 08:30-13:00")
        let entry = try #require(try await store.auditLog(limit: 1, offset: 0).first)
        #expect(entry.account == "op-csp" && entry.action == "service.update" && entry.object == "service csp-1")
    }

    @Test(
        "an operator of another organisation gets 403 on the edit page and on the POST; nothing changes",
        arguments: Backend.all)
    func operatorOfAnotherOrganisation(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-caritas")
            #expect(try await client.get("/services/csp-1/edit", cookies: cookie).status == .forbidden)
            let post = try await client.post("/services/csp-1", ["csrf": csrf, "name": "Taken over"], cookies: cookie)
            #expect(post.status == .forbidden)
            #expect(try await client.get("/services/caritas-1/edit", cookies: cookie).status == .ok)
            #expect(try await client.get("/services/none/edit", cookies: cookie).status == .notFound)
        }
        #expect(try await store.service(id: "csp-1")?.name == "Sportello CSP")
        #expect(try await store.auditLog(limit: 100, offset: 0).allSatisfy { !$0.action.hasPrefix("service") })
    }

    @Test("a POST without the session's CSRF token is 403 and changes nothing", arguments: Backend.all)
    func serviceCSRF(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("admin")
            let missing = try await client.post("/services/csp-1", ["name": "Changed"], cookies: cookie)
            #expect(missing.status == .forbidden)
            let wrong = try await client.post(
                "/services/csp-1",
                [
                    "csrf": String(repeating: "0", count: 64),
                    "name": "Changed"
                ], cookies: cookie)
            #expect(wrong.status == .forbidden)
            let signOut = try await client.post("/signout", [:], cookies: cookie)
            #expect(signOut.status == .forbidden)
        }
        #expect(try await store.service(id: "csp-1")?.name == "Sportello CSP")
    }

    @Test("invalid opening hours are refused with the import's message (422) and the form keeps the input")
    func invalidHours() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let stored = try #require(try store.services().first { $0.id == "csp-1" })
            let response = try await client.post(
                "/services/csp-1", serviceForm(stored, csrf: csrf, ["opening_hours": "Mo-Fr 9-12"]), cookies: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text.contains("Il servizio non è stato salvato") && response.text.contains("opening_hours"))
            #expect(response.text.contains("value=\"Mo-Fr 9-12\""))
        }
        #expect(try store.services().first { $0.id == "csp-1" }?.openingHours == "Mo-Fr 09:00-12:00")
    }

    @Test("roles on the server: a planner cannot edit (403); only admins read the audit log", arguments: Backend.all)
    func roles(_ backend: Backend) async throws {
        let app = try await ServerFixture.app(ServerFixture.store(backend))
        try await app.application().test(.router) { client in
            let planner = try await client.signIn("planner")
            #expect(try await client.get("/services", cookies: planner.cookie).status == .ok)
            #expect(try await client.get("/services/csp-1/edit", cookies: planner.cookie).status == .forbidden)
            #expect(try await client.get("/audit", cookies: planner.cookie).status == .forbidden)
            let operatorSession = try await client.signIn("op-csp")
            #expect(try await client.get("/audit", cookies: operatorSession.cookie).status == .forbidden)
            let admin = try await client.signIn("admin")
            #expect(try await client.get("/services/caritas-1/edit", cookies: admin.cookie).status == .ok)
            let audit = try await client.get("/audit", cookies: admin.cookie)
            #expect(audit.status == .ok && audit.text.contains("session.sign-in"))
        }
    }

    @Test("signing out ends the session in the store", arguments: Backend.all)
    func signOut(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let token = String(try #require(cookie.split(separator: "=").last))
            #expect(try await store.session(tokenHash: WebApp.hash(token), now: Date()) != nil)
            let response = try await client.post("/signout", ["csrf": csrf], cookies: cookie)
            #expect(response.status == .seeOther)
            #expect(try await client.get("/services", cookies: cookie).status == .seeOther)
            #expect(try await store.session(tokenHash: WebApp.hash(token), now: Date()) == nil)
        }
        #expect(try await store.auditLog(limit: 1, offset: 0).first?.action == "session.sign-out")
    }

    @Test("an expired session is not accepted", arguments: Backend.all)
    func expiredSession(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let account = try #require(try await store.account(named: "admin")?.account)
        try await store.createSession(
            tokenHash: WebApp.hash("old"), account: account, csrf: "c",
            expiresAt: Date().addingTimeInterval(-1))
        #expect(try await store.session(tokenHash: WebApp.hash("old"), now: Date()) == nil)
    }

    @Test("accounts: names are unique, passwords are stored as bcrypt hashes only", arguments: Backend.all)
    func accounts(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        await #expect(throws: AccountError.duplicate(name: "admin")) {
            try await store.addAccount(name: "admin", organisation: "CSP", role: .admin, passwordHash: "x", by: nil)
        }
        let hash = try #require(try await store.account(named: "op-csp")?.passwordHash)
        #expect(hash.hasPrefix("$2") && !hash.contains(ServerFixture.password))
        #expect(try await store.accountSummaries().map(\.account.name) == ["admin", "op-caritas", "op-csp", "planner"])
    }
}
