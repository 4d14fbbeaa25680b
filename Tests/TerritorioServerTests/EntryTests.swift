import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// Survey entry in the web app: who may enter, CSRF, the same checks and storage as `ingest`,
/// duplicates refused.
@Suite("Web app: survey entry")
struct EntryTests {
    /// The answers of one questionnaire of the user form, as the web form posts them.
    static func questionnaire(
        _ number: String, csrf: String, urgency: String = "high", household: String = "3"
    ) -> [(String, String)] {
        [
            ("csrf", csrf), ("questionnaire_id", number), ("date", "2026-10-03"), ("municipality", "Comune 1"),
            ("needs", "food"), ("needs", "housing"), ("urgency", urgency), ("household_size", household)
        ]
    }

    /// The stored submissions as "uuid|municipality|urgency|household|needs|content hash".
    static func stored(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.uuid || '|' || s.municipality_code || '|' || ifnull(s.urgency, '') || '|' ||
                           ifnull(s.household_size, '') || '|' ||
                           (SELECT group_concat(category_code, ' ') FROM
                              (SELECT category_code FROM need_report n WHERE n.submission_uuid = s.uuid ORDER BY 1))
                           || '|' || s.content_hash
                    FROM submission s ORDER BY s.uuid
                    """)
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    @Test("the public and researchers or planners cannot reach the entry pages")
    func entryIsClosed() async throws {
        let store = try ServerFixture.store()
        try store.addAccount(
            name: "researcher", organisation: "CSP", role: .researcher,
            passwordHash: Passwords.hash(ServerFixture.password, cost: 4))
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            for uri in ["/entry", "/entry/user", "/entry/operator", "/review"] {
                let response = try await client.get(uri)
                #expect(response.status == .seeOther && response.headers[.location] == "/signin", "\(uri)")
            }
            let post = try await client.postPairs("/entry/user", Self.questionnaire("1", csrf: "x"))
            #expect(post.status == .unauthorized)
            for name in ["researcher", "planner"] {
                let (cookie, csrf) = try await client.signIn(name)
                for uri in ["/entry/user", "/entry/operator", "/review"] {
                    #expect(try await client.get(uri, cookies: cookie).status == .forbidden, "\(name) \(uri)")
                }
                let refused = try await client.postPairs(
                    "/entry/user", Self.questionnaire("1", csrf: csrf), cookies: cookie)
                #expect(refused.status == .forbidden)
            }
        }
        #expect(try Self.stored(store).isEmpty)
    }

    @Test("an operator's entry without the CSRF token, or with another, is refused and stores nothing")
    func entryNeedsCSRF() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            let missing = try await client.postPairs(
                "/entry/user", Array(Self.questionnaire("1", csrf: "").dropFirst()), cookies: cookie)
            #expect(missing.status == .forbidden)
            let other = try await client.postPairs("/entry/user", Self.questionnaire("1", csrf: "00"), cookies: cookie)
            #expect(other.status == .forbidden)
        }
        #expect(try Self.stored(store).isEmpty)
    }

    @Test("the forms are generated from the form definitions, in the page's language")
    func formPages() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            let user = try await client.get("/entry/user?lang=ar", cookies: cookie)
            #expect(user.status == .ok)
            #expect(user.text.contains("dir=\"rtl\""))
            #expect(user.text.contains("<datalist id=\"municipality-list\"><option value=\"Comune 1\">"))
            #expect(user.text.contains("type=\"checkbox\" id=\"category-food\" name=\"needs\" value=\"food\""))
            #expect(user.text.contains("ما الذي تحتاج إليه؟"))
            let op = try await client.get("/entry/operator", cookies: cookie)
            #expect(op.status == .ok && op.text.contains("name=\"requests_food\"") && op.text.contains("unmet_housing"))
        }
    }

    @Test("a web entry and the same answers as a paper CSV row store the same submission")
    func webEntryIsARow() async throws {
        let web = try ServerFixture.store()
        let app = try ServerFixture.app(web)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let saved = try await client.postPairs(
                "/entry/user", Self.questionnaire("Q-7", csrf: csrf), cookies: cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "/entry/user?saved=Q-7")
            let next = try await client.get(try #require(saved.headers[.location]), cookies: cookie)
            #expect(next.text.contains("Salvato il questionario Q-7") && next.text.contains("value=\"\" autofocus"))
        }
        let csv = try ServerFixture.store()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("entry-\(UUID()).csv").path
        try
            "questionnaire_id,source,date,municipality,needs,urgency,household_size\nQ-7,CSP,2026-10-03,Comune 1,food housing,high,3\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (summary, _) = try await SurveyIngest.ingest(path: file, into: csv)
        #expect(summary.accepted == 1)
        let stored = try Self.stored(web)
        #expect(stored.count == 1 && stored.first?.hasPrefix("paper/csp/q-7|006001|high|3|food housing|") == true)
        #expect(stored == (try Self.stored(csv)))
        let batch = try web.read { db in
            try String.fetchOne(db, sql: "SELECT file || '|' || dialect || '|' || rows || '|' || accepted FROM batch")
        }
        #expect(batch == "web: op-csp, \(WebApp.today())|web|1|1")
        #expect(try web.auditLog().first?.action == "survey.enter")
    }

    @Test("a bad value gets the message ingest gives, next to its field, and the typed values stay")
    func badValue() async throws {
        let store = try ServerFixture.store()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("entry-\(UUID()).csv").path
        try
            "questionnaire_id,source,date,municipality,needs,urgency,household_size\nQ-8,CSP,2026-10-03,Comune 1,food,high,tre\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (summary, _) = try await SurveyIngest.ingest(path: file, into: ServerFixture.store())
        let message = try #require(summary.rejections.first?.messages.first)
        #expect(message == "household_size: expected a whole number from 1 to 20, found \"tre\"")
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let page = try await client.postPairs(
                "/entry/user", Self.questionnaire("Q-8", csrf: csrf, household: "tre"), cookies: cookie)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("value=\"tre\" inputmode=\"numeric\""))
            #expect(page.text.contains("<span class=\"field-error\">\(Self.escaped(message))</span>"))
            #expect(page.text.contains("value=\"Q-8\"") && page.text.contains("value=\"housing\" checked"))
        }
        #expect(try Self.stored(store).isEmpty)
    }

    @Test("the confirmation echoes a questionnaire number, never other words a link carries")
    func savedNotice() async throws {
        let app = try ServerFixture.app(try ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            let saved = try await client.get("/entry/user?saved=Q-12&lang=en", cookies: cookie)
            #expect(saved.text.contains("Q-12"))
            let crafted = try await client.get(
                "/entry/user?saved=Q-12.+Your+password+expired,+call+0123&lang=en", cookies: cookie)
            #expect(crafted.status == .ok && !crafted.text.contains("password expired"))
        }
    }

    @Test("the reasons come in the page's language, whatever language other requests use")
    func reasonsInThePageLanguage() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let expected = [
                "it": "non è tra le scelte", "en": "is not one of the choices", "fr": "ne fait pas partie des choix",
                "ar": "ليس من الخيارات"
            ]
            for (language, words) in expected {
                let page = try await client.postPairs(
                    "/entry/user?lang=\(language)", Self.questionnaire("Q-9", csrf: csrf, urgency: "subito"),
                    cookies: cookie)
                #expect(page.status == .unprocessableContent)
                #expect(page.text.contains(words), "\(language)")
                for (other, otherWords) in expected where other != language {
                    #expect(!page.text.contains(otherWords), "\(language) page has \(other)")
                }
            }
        }
    }

    @Test(
        "typing a questionnaire number again is refused with a clear message; the first answers stay",
        arguments: Backend.all)
    func duplicate(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let first = try await client.postPairs(
                "/entry/user", Self.questionnaire("Q-9", csrf: csrf), cookies: cookie)
            #expect(first.status == .seeOther)
            let same = try await client.postPairs("/entry/user", Self.questionnaire("Q-9", csrf: csrf), cookies: cookie)
            #expect(same.status == .unprocessableContent)
            #expect(same.text.contains("is already stored with the same answers"))
            let other = try await client.postPairs(
                "/entry/user", Self.questionnaire("q 9", csrf: csrf, urgency: "low"), cookies: cookie)
            #expect(other.status == .unprocessableContent)
            #expect(other.text.contains("questionnaire_id: q 9 of &quot;CSP&quot;"))
            let next = try await client.postPairs(
                "/entry/user", Self.questionnaire("Q-10", csrf: csrf), cookies: cookie)
            #expect(next.status == .seeOther)
        }
        let stored = try await StoreQuery.count(
            store, "SELECT count(*) FROM submission WHERE uuid IN ('paper/csp/q-9', 'paper/csp/q-10')")
        #expect(stored == 2)
        #expect(try await StoreQuery.count(store, "SELECT count(*) FROM submission") == 2)
        let batches = "SELECT count(*) FROM batch WHERE rows = 2 AND accepted = 2 AND dialect = 'web'"
        #expect(try await StoreQuery.count(store, batches) == 1)
        #expect(try await StoreQuery.count(store, "SELECT count(*) FROM batch") == 1)
        let audited = try await store.auditLog(limit: 100, offset: 0).filter { $0.action == "survey.enter" }
        #expect(audited.count == 2 && audited.allSatisfy { $0.account == "op-csp" })
    }
}
