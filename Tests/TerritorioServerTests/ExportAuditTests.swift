import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// The researchers' exports page and the admins' audit log (paged, exported as CSV).
@Suite("Web app: research exports and the audit log")
struct ExportAuditTests {
    /// Four user answers in 006001 and one in 006002: counts below k = 5 to be withheld. Their
    /// instance ids hold letters outside hex, so no random id in an export can contain them.
    static let answers = """
        municipality,needs,urgency,meta/instanceID
        006001,food,high,uuid:resp-e1
        006001,food,low,uuid:resp-e2
        006001,food housing,medium,uuid:resp-e3
        006001,housing,high,uuid:resp-e4
        006002,food,high,uuid:resp-e5

        """

    static func storeWithAnswers() throws -> Store {
        let store = try ServerFixture.store()
        try WebTestAccounts.addResearcher(store)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID()).csv").path
        try answers.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SurveyIngest.ingest(path: path, into: store).0.accepted == 5)
        return store
    }

    @Test("researchers and admins download the anonymised exports; operators and planners get 403")
    func exportRoles() async throws {
        let store = try Self.storeWithAnswers()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            for name in ["op-csp", "planner"] {
                let (cookie, _) = try await client.signIn(name)
                #expect(try await client.get("/exports", cookies: cookie).status == .forbidden)
                #expect(try await client.get("/exports/needs.csv", cookies: cookie).status == .forbidden)
            }
            for name in ["researcher", "admin"] {
                let (cookie, _) = try await client.signIn(name)
                let page = try await client.get("/exports", cookies: cookie)
                #expect(page.status == .ok && page.text.contains("href=\"/exports/submissions.geojson\""))
                #expect(page.text.contains("k = 5"))
                #expect(try await client.get("/exports/secrets.csv", cookies: cookie).status == .notFound)
            }
            let researcher = try await client.signIn("researcher")
            #expect(!(try await client.get("/upload", cookies: researcher.cookie).text.contains("multipart")))
        }
        #expect(try store.auditLog().allSatisfy { !$0.action.hasPrefix("export") })
    }

    @Test("the needs export is the library's, with its disclosure control; each download is audited")
    func needsExport() async throws {
        let store = try Self.storeWithAnswers()
        let app = try ServerFixture.app(store)
        let folder = try WebApp.temporaryFolder("test-export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = folder.appendingPathComponent("needs.csv").path
        try ResearchExport.needs(store: store, config: .standard, format: .csv, to: expected)
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("researcher")
            let response = try await client.get("/exports/needs.csv", cookies: cookie)
            #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"needs.csv\"")
            #expect(response.text == (try String(contentsOfFile: expected, encoding: .utf8)))
            let lines = response.text.split(separator: "\n").dropFirst()
            #expect(!lines.isEmpty)
            for count in ["1", "2", "3", "4"] {
                #expect(
                    lines.allSatisfy {
                        !$0.split(separator: ",", omittingEmptySubsequences: false).contains(Substring(count))
                    })
            }
            let meta = try await client.get("/exports/needs.csv.meta.json", cookies: cookie)
            #expect(try meta.json()["k"] as? Int == 5)
            let geojson = try await client.get("/exports/submissions.geojson", cookies: cookie)
            #expect(geojson.status == .ok && !geojson.text.contains("resp-e") && !geojson.text.contains("uuid"))
        }
        let downloads = try store.auditLog().filter { $0.action == "export.download" }
        #expect(
            downloads.map(\.object) == ["export submissions.geojson", "export needs.csv.meta.json", "export needs.csv"])
        #expect(downloads.allSatisfy { $0.account == "researcher" })
    }

    @Test("the audit log is paged for admins; others get 403, the public is sent to sign-in")
    func auditPaged() async throws {
        let store = try ServerFixture.store()
        let admin = try #require(try store.account(named: "admin")?.account)
        for i in 1...60 { try store.recordAudit("test.action", object: "object \(i)", by: admin) }
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            #expect(try await client.get("/audit?page=2").headers[.location] == "/signin")
            let (operatorCookie, _) = try await client.signIn("op-csp")
            #expect(try await client.get("/audit.csv", cookies: operatorCookie).status == .forbidden)
            #expect(try await client.get("/audit?page=2", cookies: operatorCookie).status == .forbidden)
            let (cookie, _) = try await client.signIn("admin")
            let first = try await client.get("/audit", cookies: cookie)
            #expect(first.text.contains("object 60<") && !first.text.contains("object 10<"))
            #expect(first.text.contains("href=\"/audit?page=2\" rel=\"next\"") && !first.text.contains("rel=\"prev\""))
            let second = try await client.get("/audit?page=2", cookies: cookie)
            #expect(second.text.contains("object 10<") && second.text.contains("object 1<"))
            #expect(second.text.contains("rel=\"prev\"") && !second.text.contains("rel=\"next\""))
        }
    }

    @Test("the audit CSV neutralises cells a spreadsheet would run (=cmd) and is itself audited")
    func auditCSV() async throws {
        let store = try ServerFixture.store()
        let name = "=cmd|' /C calc'!A0"
        try store.addAccount(
            name: name, organisation: "CSP", role: .admin,
            passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            _ = try await client.signIn(name)
            let (cookie, _) = try await client.signIn("admin")
            let csv = try await client.get("/audit.csv", cookies: cookie)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\n").map(String.init)
            #expect(lines.first == "at,account,action,object")
            let row = try #require(lines.first { $0.contains("cmd|") })
            #expect(row.contains(",'=cmd|' /C calc'!A0,session.sign-in,"))
            #expect(!lines.contains { $0.split(separator: ",").contains { $0.hasPrefix("=") } })
        }
        let entry = try #require(try store.auditLog().first)
        #expect(entry.action == "audit.export" && entry.account == "admin")
    }
}
