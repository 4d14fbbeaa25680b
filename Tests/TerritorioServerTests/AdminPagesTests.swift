import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

@Suite("Web app: admin pages (accounts, organisations, taxonomy)")
struct AdminPagesTests {
    static func id(_ store: Store, _ name: String) throws -> Int64 {
        try #require(try store.accounts().first { $0.name == name }?.id)
    }

    static func sessions(_ store: Store, _ name: String) throws -> Int {
        try store.read {
            try Int.fetchOne(
                $0, sql: "SELECT count(*) FROM web_session s JOIN account a ON a.id = s.account_id WHERE a.name = ?",
                arguments: [name]) ?? -1
        }
    }

    @Test("non-admins get 403 on every admin page and POST; the public is sent to sign-in")
    func onlyAdmins() async throws {
        let store = try ServerFixture.store()
        let target = try Self.id(store, "op-csp")
        try await ServerFixture.app(store).application().test(.router) { client in
            for uri in ["/admin/accounts", "/admin/organisations", "/admin/categories"] {
                #expect(try await client.get(uri).headers[.location] == "/signin")
            }
            for name in ["op-csp", "planner"] {
                let (cookie, csrf) = try await client.signIn(name)
                for uri in ["/admin/accounts", "/admin/organisations", "/admin/categories"] {
                    #expect(try await client.get(uri, cookies: cookie).status == .forbidden, "\(name) \(uri)")
                }
                let posts: [(String, [String: String])] = [
                    ("/admin/accounts", ["name": "mole", "role": "admin", "organisation": "CSP"]),
                    ("/admin/accounts/\(target)/disable", [:]), ("/admin/accounts/\(target)/password", [:]),
                    ("/admin/accounts/\(target)/role", ["role": "admin", "organisation": "CSP"]),
                    ("/admin/organisations", ["name": "Mole"]),
                    (
                        "/admin/categories",
                        ["code": "food", "label_it": "x", "label_en": "x", "label_fr": "x", "label_ar": "x"]
                    )
                ]
                for (uri, fields) in posts {
                    let response = try await client.post(
                        uri, fields.merging(["csrf": csrf]) { a, _ in a }, cookies: cookie)
                    #expect(response.status == .forbidden, "\(name) \(uri)")
                }
            }
        }
        #expect(try store.accounts().count == 4)
        #expect(try store.accounts().first { $0.name == "op-csp" }?.role == .operator)
        #expect(try store.organisationSummaries().map(\.name) == ["CSP", "Caritas"])
        #expect(try store.categories().first?.labels["it"] == "Cibo")
    }

    @Test("admin POSTs without the CSRF token are 403 and change nothing")
    func csrf() async throws {
        let store = try ServerFixture.store()
        let target = try Self.id(store, "op-csp")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, _) = try await client.signIn("admin")
            for uri in [
                "/admin/accounts", "/admin/accounts/\(target)/disable", "/admin/organisations", "/admin/categories"
            ] {
                let fields = ["name": "Mole", "role": "admin", "organisation": "CSP", "code": "mole"]
                #expect(try await client.post(uri, fields, cookies: cookie).status == .forbidden, "\(uri)")
            }
        }
        #expect(try store.accounts().count == 4)
        #expect(try store.organisationSummaries().count == 2)
        #expect(try store.accountSummaries().allSatisfy { !$0.disabled })
    }

    static let sessionsOfOperator = """
        SELECT count(*) FROM web_session s JOIN account a ON a.id = s.account_id WHERE a.name = 'op-csp'
        """

    @Test(
        "disabling an account ends its sessions and refuses its sign-in; enabling lets it back; audited",
        arguments: Backend.all)
    func disable(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let target = try #require(
            try await store.accountSummaries().first { $0.account.name == "op-csp" }?.account.id)
        try await ServerFixture.app(store).application().test(.router) { client in
            let operatorSession = try await client.signIn("op-csp")
            let (cookie, csrf) = try await client.signIn("admin")
            #expect(try await StoreQuery.count(store, Self.sessionsOfOperator) == 1)
            let response = try await client.post("/admin/accounts/\(target)/disable", ["csrf": csrf], cookies: cookie)
            #expect(response.status == .seeOther)
            #expect(try await StoreQuery.count(store, Self.sessionsOfOperator) == 0)
            #expect(try await client.get("/services", cookies: operatorSession.cookie).status == .seeOther)
            let (formCookie, token) = try await client.signInForm()
            let refused = try await client.post(
                "/signin", ["csrf": token, "name": "op-csp", "password": ServerFixture.password], cookies: formCookie)
            #expect(refused.status == .unauthorized)
            let page = try await client.get("/admin/accounts", cookies: cookie)
            #expect(page.text.contains("/admin/accounts/\(target)/enable"))
            _ = try await client.post("/admin/accounts/\(target)/enable", ["csrf": csrf], cookies: cookie)
            _ = try await client.signIn("op-csp")
        }
        let audit = try await store.auditLog(limit: 100, offset: 0)
        let actions = audit.map(\.action)
        #expect(actions.contains("account.disable") && actions.contains("account.enable"))
        #expect(audit.first { $0.action == "account.disable" }?.object == "op-csp")
    }

    @Test("an admin cannot disable itself or give up its admin role")
    func notSelf() async throws {
        let store = try ServerFixture.store()
        let me = try Self.id(store, "admin")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let response = try await client.post("/admin/accounts/\(me)/disable", ["csrf": csrf], cookies: cookie)
            #expect(response.status == .unprocessableContent && response.text.contains("Non puoi disattivare"))
            let demote = try await client.post(
                "/admin/accounts/\(me)/role", ["csrf": csrf, "role": "planner", "organisation": "CSP"], cookies: cookie)
            #expect(demote.status == .unprocessableContent)
        }
        #expect(try store.accountSummaries().allSatisfy { !$0.disabled })
        #expect(try store.account(named: "admin")?.account.role == .admin)
    }

    @Test("an admin creates an account: a generated password shown once, stored as a bcrypt hash, that signs in")
    func createAccount() async throws {
        let store = try ServerFixture.store()
        let password = try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let response = try await client.post(
                "/admin/accounts", ["csrf": csrf, "name": "new-op", "role": "operator", "organisation": "Caritas"],
                cookies: cookie)
            #expect(response.status == .ok && response.headers[.cacheControl] == "no-store")
            let marker = try #require(response.text.range(of: "<code dir=\"ltr\">"))
            let password = String(response.text[marker.upperBound...].prefix { $0 != "<" })
            #expect(password.count == 20)
            _ = try await client.signIn("new-op", password: password)
            let again = try await client.post(
                "/admin/accounts", ["csrf": csrf, "name": "new-op", "role": "operator", "organisation": "Caritas"],
                cookies: cookie)
            #expect(again.status == .unprocessableContent && again.text.contains("Esiste già un account"))
            let unknownOrganisation = try await client.post(
                "/admin/accounts", ["csrf": csrf, "name": "x", "role": "operator", "organisation": "Nowhere"],
                cookies: cookie)
            #expect(unknownOrganisation.status == .unprocessableContent)
            return password
        }
        let stored = try #require(try store.account(named: "new-op"))
        #expect(stored.account.role == .operator && stored.account.organisation == "Caritas")
        #expect(stored.passwordHash.hasPrefix("$2") && !stored.passwordHash.contains(password))
        #expect(try store.auditLog().contains { $0.action == "account.add" && $0.account == "admin" })
        #expect(try store.auditLog().allSatisfy { !$0.object.contains(password) })
    }

    @Test("resetting a password or changing the role ends the account's sessions; the old password fails")
    func resetAndChange() async throws {
        let store = try ServerFixture.store()
        let target = try Self.id(store, "op-csp")
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            _ = try await client.signIn("op-csp")
            let reset = try await client.post("/admin/accounts/\(target)/password", ["csrf": csrf], cookies: cookie)
            #expect(reset.status == .ok && reset.text.contains("<code dir=\"ltr\">"))
            #expect(try Self.sessions(store, "op-csp") == 0)
            let (formCookie, token) = try await client.signInForm()
            let old = try await client.post(
                "/signin", ["csrf": token, "name": "op-csp", "password": ServerFixture.password], cookies: formCookie)
            #expect(old.status == .unauthorized)
            _ = try await client.signIn("planner")
            let change = try await client.post(
                "/admin/accounts/\(try Self.id(store, "planner"))/role",
                ["csrf": csrf, "role": "operator", "organisation": "Caritas"], cookies: cookie)
            #expect(change.status == .seeOther)
            #expect(try Self.sessions(store, "planner") == 0)
        }
        let planner = try #require(try store.account(named: "planner")?.account)
        #expect(planner.role == .operator && planner.organisation == "Caritas")
        let actions = try store.auditLog().map(\.action)
        #expect(actions.contains("account.password-reset") && actions.contains("account.change"))
    }

    @Test("organisations: list and add (audited); a duplicate is refused")
    func organisations() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let added = try await client.post(
                "/admin/organisations", ["csrf": csrf, "name": "APS Cambalache"], cookies: cookie)
            #expect(added.status == .seeOther)
            let page = try await client.get("/admin/organisations", cookies: cookie)
            #expect(page.status == .ok && page.text.contains("APS Cambalache"))
            let again = try await client.post("/admin/organisations", ["csrf": csrf, "name": "CSP"], cookies: cookie)
            #expect(again.status == .unprocessableContent)
        }
        #expect(try store.organisationSummaries().map(\.name) == ["APS Cambalache", "CSP", "Caritas"])
        #expect(try store.organisationSummaries().first { $0.name == "CSP" }?.services == 1)
        #expect(try store.auditLog().first?.action == "organisation.add")
    }

    @Test("taxonomy: add and rename with the category file's rules (code form, every label); audited")
    func categories() async throws {
        let store = try ServerFixture.store()
        let labels = ["label_it": "Salute", "label_en": "Health", "label_fr": "Santé", "label_ar": "صحة"]
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            var form = labels.merging(["csrf": csrf, "code": "health"]) { a, _ in a }
            #expect(try await client.post("/admin/categories", form, cookies: cookie).status == .seeOther)
            form["code"] = "food"
            form["label_it"] = "Alimenti"
            #expect(try await client.post("/admin/categories", form, cookies: cookie).status == .seeOther)
            form["code"] = "Bad Code"
            let bad = try await client.post("/admin/categories", form, cookies: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(escaped(try #require(Category.codeProblem("Bad Code")))))
            form["code"] = "legal"
            form["label_fr"] = ""
            let empty = try await client.post("/admin/categories", form, cookies: cookie)
            #expect(empty.status == .unprocessableContent && empty.text.contains("the label is empty"))
            let page = try await client.get("/admin/categories?code=food", cookies: cookie)
            #expect(page.text.contains("value=\"Alimenti\""))
        }
        let categories = try store.categories()
        #expect(categories.map(\.code) == ["food", "housing", "health"])
        #expect(categories[0].labels["it"] == "Alimenti" && categories[2].labels["ar"] == "صحة")
        #expect(try store.services().first { $0.id == "csp-1" }?.categories == ["food"])
        let actions = try store.auditLog().prefix(2).map(\.action)
        #expect(actions == ["category.rename", "category.add"])
    }

    @Test("the category file refuses a bad code with the same message the admin page shows")
    func fileRule() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("categories.csv").path
        let header =
            "code,label_it,label_en,label_fr,label_ar,description_it,description_en,description_fr,description_ar"
        try "\(header)\nBad Code,a,b,c,d,,,,\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try CategoryFile.read(path: path)
            Issue.record("the file was accepted")
        } catch {
            #expect(error.problems.map(\.message) == [try #require(Category.codeProblem("Bad Code"))])
        }
    }
}
