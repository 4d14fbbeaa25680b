import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// The public self-report form and the review queue: nothing counts until an operator accepts it.
@Suite("Web app: self-report and review")
struct SelfReportTests {
    /// The public form's cookie and token.
    static func form(_ client: some TestClientProtocol, lang: String = "it") async throws -> (String, String) {
        let page = try await client.get("/self-report?lang=\(lang)")
        #expect(page.status == .ok)
        return (try #require(page.cookie(WebApp.selfReportCookie)), try #require(page.hiddenCSRF))
    }

    static func answers(_ token: String, municipality: String = "Comune 2") -> [(String, String)] {
        [
            ("csrf", token), ("municipality", municipality), ("needs", "housing"), ("urgency", "medium"),
            ("age_group", "30_44")
        ]
    }

    /// How many responses the gap analysis reads for `code`.
    static func responses(_ store: any WebStore, _ code: String) async throws -> Int {
        try await store.gapInputs(costs: nil).responses[code]?.count ?? 0
    }

    static func count(_ store: any WebStore, _ sql: String) async throws -> Int {
        try await StoreQuery.count(store, sql)
    }

    @Test("the public form asks no identity, in four languages, right to left in Arabic")
    func publicForm() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let page = try await client.get("/self-report?lang=ar")
            #expect(
                page.status == .ok && page.text.contains("dir=\"rtl\"") && page.text.contains("ما الذي تحتاج إليه؟"))
            #expect(page.text.contains("name=\"viewport\""))
            for field in ["name=\"questionnaire_id\"", "name=\"name\"", "name=\"phone\"", "name=\"location\""] {
                #expect(!page.text.contains(field), "\(field)")
            }
            let english = try await client.get("/self-report?lang=en")
            #expect(english.text.contains("What do you need?"))
        }
    }

    @Test(
        "a self-report lands pending, counts nowhere until accepted; discard deletes it; all audited",
        arguments: Backend.all)
    func reviewQueue(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        let before = try await Self.responses(store, "006002")
        try await app.application().test(.router) { client in
            let (formCookie, token) = try await Self.form(client)
            let sent = try await client.postPairs("/self-report", Self.answers(token), cookies: formCookie)
            #expect(sent.status == .seeOther && sent.headers[.location] == "/self-report?sent=1")
            let second = try await client.postPairs(
                "/self-report", Self.answers(token, municipality: "Comune 1"), cookies: formCookie)
            #expect(second.status == .seeOther)
            #expect(try await Self.count(store, "SELECT count(*) FROM submission") == 0)
            #expect(try await Self.responses(store, "006002") == before)
            #expect(try await store.pendingSelfReports().count == 2)

            let (cookie, csrf) = try await client.signIn("op-caritas")
            let queue = try await client.get("/review?lang=en", cookies: cookie)
            #expect(queue.status == .ok && queue.text.contains("Housing") && queue.text.contains("Comune 2"))
            let pending = try await store.pendingSelfReports()
            let accepted = try await client.post("/review/\(pending[0].id)/accept", ["csrf": csrf], cookies: cookie)
            #expect(accepted.status == .seeOther && accepted.headers[.location] == "/review?notice=accepted")
            #expect(try await Self.responses(store, "006002") == before + 1)
            #expect(
                try await Self.count(
                    store,
                    "SELECT count(*) FROM submission s JOIN batch b ON b.id = s.batch_id WHERE b.dialect = 'self-report'"
                )
                    == 1)
            let again = try await client.post("/review/\(pending[0].id)/accept", ["csrf": csrf], cookies: cookie)
            #expect(again.status == .notFound)

            let noToken = try await client.post("/review/\(pending[1].id)/discard", [:], cookies: cookie)
            #expect(noToken.status == .forbidden)
            let discarded = try await client.post("/review/\(pending[1].id)/discard", ["csrf": csrf], cookies: cookie)
            #expect(discarded.status == .seeOther)
            #expect(try await store.pendingSelfReports().isEmpty)
            #expect(try await Self.count(store, "SELECT count(*) FROM self_report") == 1)
            #expect(try await Self.responses(store, "006001") == 0)
        }
        let audit = try await store.auditLog(limit: 100, offset: 0)
        #expect(
            audit.map(\.action).filter { $0.hasPrefix("self-report") }.sorted() == [
                "self-report.accept", "self-report.discard", "self-report.receive", "self-report.receive"
            ])
        for entry in audit {
            #expect(
                !entry.object.contains("Comune") && !entry.object.contains("housing") && !entry.object.contains("006"))
        }
    }

    @Test("the public cannot review; a self-report without the form token is refused")
    func permissions() async throws {
        let store = try ServerFixture.store()
        let id = try store.addSelfReport(
            Submission(uuid: "00000000-0000-0000-0000-000000000001", form: .user, municipality: "006001"))
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (formCookie, _) = try await Self.form(client)
            let forged = try await client.postPairs("/self-report", Self.answers("00"), cookies: formCookie)
            #expect(forged.status == .forbidden)
            let anonymous = try await client.post("/review/\(id)/accept", ["csrf": "x"])
            #expect(anonymous.status == .unauthorized)
            let (cookie, csrf) = try await client.signIn("planner")
            #expect(try await client.get("/review", cookies: cookie).status == .forbidden)
            let planner = try await client.post("/review/\(id)/accept", ["csrf": csrf], cookies: cookie)
            #expect(planner.status == .forbidden)
        }
        #expect(try store.pendingSelfReports().map(\.id) == [id])
    }

    @Test("without --behind-proxy a forged X-Forwarded-For does not escape the limit")
    func forgedForwardedFor() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (formCookie, token) = try await Self.form(client)
            for i in 0...WebApp.selfReportLimit {
                let response = try await client.execute(
                    uri: "/self-report", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded", .cookie: formCookie,
                        .init("X-Forwarded-For")!: "192.0.2.\(i)"
                    ],
                    body: ByteBuffer(string: "csrf=\(token)&municipality=Atlantide&needs=food&urgency=low"))
                #expect(response.status == (i < WebApp.selfReportLimit ? .unprocessableContent : .tooManyRequests))
            }
        }
    }

    @Test("a bad self-report is shown again with the messages of ingest; past the limit the answer is 429")
    func rateLimit() async throws {
        let store = try ServerFixture.store()
        var settings = ServerSettings(bcryptCost: 4)
        settings.trustForwardedFor = true
        let app = try WebApp(store: store, settings: settings)
        try await app.application().test(.router) { client in
            let (formCookie, token) = try await Self.form(client)
            for _ in 0..<WebApp.selfReportLimit {
                let bad = try await client.postPairs(
                    "/self-report", Self.answers(token, municipality: "Atlantide"), cookies: formCookie)
                #expect(bad.status == .unprocessableContent)
                #expect(bad.text.contains("municipality: unknown &quot;Atlantide&quot;"))
                #expect(bad.text.contains("value=\"housing\" checked"))
            }
            let limited = try await client.postPairs("/self-report", Self.answers(token), cookies: formCookie)
            #expect(limited.status == .tooManyRequests)
            let elsewhere = try await client.execute(
                uri: "/self-report", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: formCookie,
                    .init("X-Forwarded-For")!: "192.0.2.7"
                ],
                body: ByteBuffer(string: "csrf=\(token)&municipality=Comune+2&needs=food&urgency=low"))
            #expect(elsewhere.status == .seeOther)
        }
        #expect(try store.pendingSelfReports().count == 1)
    }
}
