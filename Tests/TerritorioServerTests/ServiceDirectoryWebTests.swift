import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// The form fields a browser sends for `service` (what the edit page shows), with `changes` over them.
func serviceForm(_ service: Service, csrf: String, _ changes: [String: String] = [:]) -> [String: String] {
    var form = WebApp.formFields(service).filter { WebApp.serviceFormColumns.contains($0.key) }
    for c in service.categories { form["category_\(c)"] = "on" }
    form["csrf"] = csrf
    form["organization"] = service.organization ?? ""
    form["action"] = "save"
    form.merge(changes) { _, new in new }
    return form
}

/// Text as the templates escape it.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

@Suite("Web app: the service directory (create, edit, search, verify, history)")
struct ServiceDirectoryWebTests {
    static func service(_ store: any WebStore, _ id: String) async throws -> Service? {
        try await store.service(id: id)
    }

    @Test("the public is sent to sign-in from every directory page; a POST is 401 and changes nothing")
    func publicIsKeptOut() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            for uri in ["/services/new", "/services/review", "/services/csp-1/history", "/services/csp-1/verify"] {
                let response = try await client.get(uri)
                #expect(response.status == .seeOther && response.headers[.location] == "/signin", "\(uri)")
            }
            #expect(try await client.post("/services", ["id": "x", "name": "x"]).status == .unauthorized)
            let verify = try await client.post("/services/csp-1/verify", ["method": "phone", "outcome": "confirmed"])
            #expect(verify.status == .unauthorized)
        }
        #expect(try store.services().count == 2)
        #expect(try store.lastVerifications().isEmpty)
    }

    @Test("an operator creates a service for its own organisation, whatever organisation the form names")
    func operatorCreates() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-caritas")
            let page = try await client.get("/services/new", cookies: cookie)
            #expect(page.status == .ok && page.text.contains("name=\"category_food\""))
            #expect(!page.text.contains("<select id=\"organization\""))
            #expect(page.text.contains("name=\"languages\" value=\"\""), "an empty field stays empty")
            let form = [
                "csrf": csrf, "id": "caritas-2", "name": "Mensa Caritas", "organization": "CSP", "category_food": "on",
                "municipality": "Comune 2", "opening_hours": "Mo-Fr 12:00-14:00", "languages": "it;ar", "action": "save"
            ]
            let response = try await client.post("/services", form, cookies: cookie)
            #expect(response.status == .seeOther && response.headers[.location] == "/services?notice=services_created")
        }
        let created = try #require(try await Self.service(store, "caritas-2"))
        #expect(created.organization == "Caritas")
        // No point given: placed at the named municipality's centre, flagged approximate.
        #expect(created.municipality == "006002" && created.locationApproximate)
        #expect(created.location == Coordinate(lon: 8.85, lat: 44.75))
        #expect(created.languages == ["ar", "it"] && created.categories == ["food"])
        let entry = try #require(try store.auditLog().first)
        #expect(entry.account == "op-caritas" && entry.action == "service.add" && entry.object == "service caritas-2")
        #expect(try store.serviceHistory().last?.serviceID == "caritas-2")
    }

    @Test("creating a service with an id already used is refused (422); the existing one is unchanged")
    func duplicateID() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let form = ["csrf": csrf, "id": "csp-1", "name": "Other", "category_food": "on", "municipality": "006001"]
            let response = try await client.post("/services", form, cookies: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Esiste già un servizio con questo identificativo"))
        }
        #expect(try await Self.service(store, "csp-1")?.name == "Sportello CSP")
    }

    @Test("an operator cannot take another organisation's service by creating one with its id padded with spaces")
    func paddedID() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            for id in [" caritas-1", "caritas-1 ", "\tcaritas-1"] {
                let form = [
                    "csrf": csrf, "id": id, "name": "Taken", "category_food": "on", "municipality": "006001",
                    "action": "save"
                ]
                let response = try await client.post("/services", form, cookies: cookie)
                #expect(response.status == .unprocessableContent, "\(id)")
            }
        }
        let kept = try #require(try await Self.service(store, "caritas-1"))
        #expect(kept.organization == "Caritas" && kept.name.contains("Caritas"))
    }

    @Test("a planner or a researcher cannot create, edit or verify (403)")
    func readOnlyRoles() async throws {
        let store = try ServerFixture.store()
        try store.addAccount(
            name: "researcher", organisation: "CSP", role: .researcher,
            passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
        let csp = try #require(try await Self.service(store, "csp-1"))
        try await ServerFixture.app(store).application().test(.router) { client in
            for name in ["planner", "researcher"] {
                let (cookie, csrf) = try await client.signIn(name)
                for uri in ["/services/new", "/services/csp-1/edit", "/services/csp-1/verify"] {
                    #expect(try await client.get(uri, cookies: cookie).status == .forbidden, "\(name) \(uri)")
                }
                let create = ["csrf": csrf, "id": "new-1", "name": "x", "category_food": "on", "municipality": "006001"]
                #expect(try await client.post("/services", create, cookies: cookie).status == .forbidden)
                let edit = serviceForm(csp, csrf: csrf, ["name": "Taken"])
                #expect(try await client.post("/services/csp-1", edit, cookies: cookie).status == .forbidden)
                let check = ["csrf": csrf, "method": "phone", "outcome": "confirmed"]
                #expect(try await client.post("/services/csp-1/verify", check, cookies: cookie).status == .forbidden)
                let list = try await client.get("/services", cookies: cookie)
                #expect(list.status == .ok && !list.text.contains("/services/new") && !list.text.contains("/edit\""))
                #expect(try await client.get("/services/review", cookies: cookie).status == .ok)
                #expect(try await client.get("/services/csp-1/history", cookies: cookie).status == .ok)
            }
        }
        #expect(try store.services().map(\.name).sorted() == ["<script>alert(1)</script> Caritas", "Sportello CSP"])
        #expect(try store.lastVerifications().isEmpty)
    }

    @Test(
        "an operator cannot verify another organisation's service (403) but verifies its own; audited",
        arguments: Backend.all)
    func verifyPermission(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-caritas")
            #expect(try await client.get("/services/csp-1/verify", cookies: cookie).status == .forbidden)
            let check = ["csrf": csrf, "method": "visit", "outcome": "confirmed", "note": "aperto"]
            #expect(try await client.post("/services/csp-1/verify", check, cookies: cookie).status == .forbidden)
            let own = try await client.post("/services/caritas-1/verify", check, cookies: cookie)
            #expect(own.status == .seeOther && own.headers[.location] == "/services?notice=services_verified")
            let list = try await client.get("/services", cookies: cookie)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            #expect(list.text.contains("<bdi dir=\"ltr\">\(today)</bdi> · <bdi dir=\"ltr\">op-caritas</bdi>"))
            let history = try await client.get("/services/caritas-1/history", cookies: cookie)
            #expect(
                history.text.contains("Visita") && history.text.contains("Confermato")
                    && history.text.contains("aperto"))
        }
        let checks = try await store.lastVerifications()
        #expect(Array(checks.keys) == ["caritas-1"])
        #expect(checks["caritas-1"]?.account == "op-caritas" && checks["caritas-1"]?.method == .visit)
        let entry = try #require(try await store.auditLog(limit: 1, offset: 0).first)
        #expect(entry.action == "service.verify" && entry.object == "service caritas-1 (visit, confirmed)")
    }

    @Test("a check without method or outcome is refused (422) and nothing is recorded")
    func incompleteCheck() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let response = try await client.post(
                "/services/csp-1/verify", ["csrf": csrf, "method": "pigeon", "outcome": "confirmed"], cookies: cookie)
            #expect(response.status == .unprocessableContent && response.text.contains("Scegli come hai verificato"))
        }
        #expect(try store.lastVerifications().isEmpty)
    }

    @Test("POSTs without the session's CSRF token are 403: create, edit, verify")
    func csrf() async throws {
        let store = try ServerFixture.store()
        let csp = try #require(try await Self.service(store, "csp-1"))
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, _) = try await client.signIn("admin")
            var create = ["id": "new-1", "name": "x", "category_food": "on", "municipality": "006001"]
            #expect(try await client.post("/services", create, cookies: cookie).status == .forbidden)
            create["csrf"] = String(repeating: "0", count: 64)
            #expect(try await client.post("/services", create, cookies: cookie).status == .forbidden)
            var edit = serviceForm(csp, csrf: "", ["name": "Changed"])
            edit["csrf"] = nil
            #expect(try await client.post("/services/csp-1", edit, cookies: cookie).status == .forbidden)
            let check = ["method": "phone", "outcome": "confirmed"]
            #expect(try await client.post("/services/csp-1/verify", check, cookies: cookie).status == .forbidden)
        }
        #expect(try store.services().map(\.id) == ["caritas-1", "csp-1"])
        #expect(try await Self.service(store, "csp-1")?.name == "Sportello CSP")
        #expect(try store.lastVerifications().isEmpty)
    }

    @Test("bad opening hours: the form shows the same message as `import services` for the same text")
    func sameMessageAsImport() async throws {
        let store = try ServerFixture.store()
        let bad = "Mo-Fr 09:00-25:00"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("services-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("services.csv")
        try "id,name,categories,municipality,opening_hours,verified\nx,X,food,006001,\(bad),true\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let imported = try ServiceCheck(context: try store.directoryContext()).check(ServiceFile.read(path: csv.path))
        let problem = try #require(imported.problems.first { $0.field == "opening_hours" })
        #expect(imported.problems.count == 1 && !problem.message.isEmpty)
        let csp = try #require(try await Self.service(store, "csp-1"))
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let response = try await client.post(
                "/services/csp-1", serviceForm(csp, csrf: csrf, ["opening_hours": bad]), cookies: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(escaped(problem.message)))
            #expect(response.text.contains("value=\"\(bad)\""))
            // The other checks of the import too: an unknown category and a bad e-mail, by field.
            var form = serviceForm(csp, csrf: csrf, ["email": "nobody", "category_fod": "on"])
            form["category_food"] = nil
            let two = try await client.post("/services/csp-1", form, cookies: cookie)
            #expect(two.status == .unprocessableContent)
            // In the page's language (Italian here), as the import says them in the locale's.
            #expect(two.text.contains(escaped("categoria 'fod' sconosciuta; forse si intendeva 'food'?")))
            #expect(two.text.contains(escaped("trovato \"nobody\"")))
        }
        #expect(try await Self.service(store, "csp-1") == csp)
    }

    @Test("a service outside the consortium (imported with --allow-outside) stays editable; a new one is refused")
    func outside() async throws {
        let store = try ServerFixture.store()
        let far = ServerFixture.service("csp-far", name: "Sportello esterno", organisation: "CSP", at: 8.95)
        try store.importServices([far], source: "outside.csv")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let edit = serviceForm(far, csrf: csrf, ["phone": "+39 0143 000000"])
            #expect(try await client.post("/services/csp-far", edit, cookies: cookie).status == .seeOther)
            var create = serviceForm(far, csrf: csrf, ["id": "csp-far-2"])
            create["municipality"] = ""
            let refused = try await client.post("/services", create, cookies: cookie)
            #expect(refused.status == .unprocessableContent && refused.text.contains("è fuori dal consorzio"))
        }
        #expect(try await Self.service(store, "csp-far")?.phone == "+39 0143 000000")
        #expect(try await Self.service(store, "csp-far-2") == nil)
    }

    @Test("the preview button shows the hours in the page's language and saves nothing")
    func preview() async throws {
        let store = try ServerFixture.store()
        let csp = try #require(try await Self.service(store, "csp-1"))
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let form = serviceForm(csp, csrf: csrf, ["opening_hours": "Sa 10:00-12:00", "action": "preview"])
            let response = try await client.post("/services/csp-1?lang=en", form, cookies: cookie)
            let expected = OpeningHoursText.describe(try OpeningHours.parse("Sa 10:00-12:00"), language: "en")
            #expect(response.status == .ok && response.text.contains(escaped(expected)))
        }
        #expect(try await Self.service(store, "csp-1")?.openingHours == "Mo-Fr 09:00-12:00")
    }

    @Test("a web edit appears in the service's history: who, when, each field before and after", arguments: Backend.all)
    func history(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let csp = try #require(try await Self.service(store, "csp-1"))
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let saved = try await client.post(
                "/services/csp-1", serviceForm(csp, csrf: csrf, ["phone": "+39 0143 999999"]), cookies: cookie)
            #expect(saved.headers[.location] == "/services?notice=saved")
            let page = try await client.get("/services/csp-1/history", cookies: cookie)
            #expect(page.status == .ok && page.text.contains("web app: op-csp"))
            #expect(page.text.contains("+39 0143 123456") && page.text.contains("+39 0143 999999"))
            #expect(try await client.get("/services/nothing/history", cookies: cookie).status == .notFound)
        }
        let change = try #require(try await store.serviceHistory(after: nil).last)
        #expect(change.kind == .updated && change.fields == ["phone"])
    }

    @Test("search by words, category and municipality")
    func search() async throws {
        let store = try ServerFixture.store()
        var other = ServerFixture.service("csp-2", name: "Casa di accoglienza", organisation: "CSP", at: 8.95)
        other.categories = ["housing"]
        other.municipality = "006003"
        try store.importServices([other], source: "more.csv")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, _) = try await client.signIn("planner")
            func ids(_ query: String) async throws -> Set<String> {
                let text = try await client.get("/services?" + query, cookies: cookie).text
                return Set(["csp-1", "csp-2", "caritas-1"].filter { text.contains("/services/\($0)/history") })
            }
            #expect(try await ids("") == ["csp-1", "csp-2", "caritas-1"])
            #expect(try await ids("q=sportello") == ["csp-1"])
            #expect(try await ids("q=ACCOGLIENZA+casa") == ["csp-2"])
            #expect(try await ids("category=housing") == ["csp-2"])
            #expect(try await ids("municipality=006003") == ["csp-2"])
            #expect(try await ids("q=caritas&category=food") == ["caritas-1"])
        }
    }

    @Test("review list: verified 7 months ago with N = 6 is listed, 1 month ago is not, never verified is")
    func staleList() async throws {
        let store = try ServerFixture.store()
        var other = ServerFixture.service("csp-2", name: "Never checked", organisation: "CSP", at: 8.76)
        other.verified = false
        try store.importServices([other], source: "more.csv")
        let admin = try #require(try store.account(named: "admin")?.account)
        let month = 30.5 * 86400
        try store.recordVerification(
            serviceID: "csp-1", method: .phone, outcome: .confirmed, note: nil, by: admin,
            at: Date().addingTimeInterval(-7 * month))
        try store.recordVerification(
            serviceID: "caritas-1", method: .email, outcome: .changed, note: nil, by: admin,
            at: Date().addingTimeInterval(-1 * month))
        let app = try WebApp(store: store, settings: ServerSettings(bcryptCost: 4, staleAfterMonths: 6))
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            let page = try await client.get("/services/review", cookies: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("/services/csp-1/verify") && page.text.contains("/services/csp-2/verify"))
            #expect(!page.text.contains("/services/caritas-1/"))
        }
        let wide = try WebApp(store: store, settings: ServerSettings(bcryptCost: 4, staleAfterMonths: 12))
        try await wide.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            let page = try await client.get("/services/review", cookies: cookie)
            #expect(!page.text.contains("/services/csp-1/") && page.text.contains("/services/csp-2/verify"))
        }
    }

    @Test("isStale counts calendar months")
    func staleRule() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T12:00:00Z"))
        func at(_ s: String) -> Date? { ISO8601DateFormatter().date(from: s) }
        #expect(ServiceVerification.isStale(last: at("2026-04-26T11:00:00Z"), months: 7, now: now))
        #expect(ServiceVerification.isStale(last: at("2026-05-25T12:00:00Z"), months: 6, now: now))
        #expect(!ServiceVerification.isStale(last: at("2026-05-27T12:00:00Z"), months: 6, now: now))
        #expect(ServiceVerification.isStale(last: nil, months: 6, now: now))
    }

    @Test("a confirming check marks an unverified service verified (kept in its history)", arguments: Backend.all)
    func confirmingMarksVerified(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        var other = ServerFixture.service("csp-2", name: "To check", organisation: "CSP", at: 8.76)
        other.verified = false
        _ = try await store.importServices([other], source: "more.csv")
        let account = try #require(try await store.account(named: "op-csp")?.account)
        try await store.recordVerification(
            serviceID: "csp-2", method: .phone, outcome: .changed, note: nil, by: account, at: Date())
        #expect(try await Self.service(store, "csp-2")?.verified == false)
        try await store.recordVerification(
            serviceID: "csp-2", method: .phone, outcome: .confirmed, note: nil, by: account, at: Date())
        #expect(try await Self.service(store, "csp-2")?.verified == true)
        #expect(try await store.serviceHistory(after: nil).last?.fields == ["verified"])
        #expect(try await store.verifications(of: "csp-2").map(\.outcome) == [.confirmed, .changed])
    }
}
