import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// Uploads of survey exports, the rejected rows corrected in the browser, and the quarantine.
@Suite("Web app: upload, correction, quarantine")
struct UploadTests {
    /// A user export with one good row, one bad need ("fod") and a name column (never stored).
    static let export = """
        municipality,needs,urgency,meta/instanceID,respondent_name
        006001,food,high,uuid:w-1,Mario Rossi
        006002,fod,high,uuid:w-2,Anna Bianchi

        """

    static func quarantined(_ store: Store) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM quarantine") } ?? -1
    }

    /// The store's whole text (every table), to look for a value that must not be there.
    static func stored(_ store: Store, contains value: String) throws -> Bool {
        try store.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables where !table.hasPrefix("sqlite_") && !table.hasPrefix("idx_") {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map { $0["name"] as String }
                for column in columns {
                    let sql = "SELECT count(*) FROM \"\(table)\" WHERE CAST(\"\(column)\" AS TEXT) LIKE ?"
                    if try Int.fetchOne(db, sql: sql, arguments: ["%\(value)%"]) ?? 0 > 0 { return true }
                }
            }
            return false
        }
    }

    /// Signs in as `name`, uploads ``export`` and opens its rejected row's correction page.
    static func openCorrection(
        _ client: some TestClientProtocol, _ store: any WebStore, as name: String
    ) async throws -> (cookie: String, csrf: String, row: QuarantinedRow, form: TestResponse) {
        let (cookie, csrf) = try await client.signIn(name)
        _ = try await client.upload(["csrf": csrf], file: Self.export, cookies: cookie)
        let row = try #require(try await store.quarantinedRows(batch: nil).first)
        return (cookie, csrf, row, try await client.get("/quarantine/\(row.id)", cookies: cookie))
    }

    @Test("the upload pages are for operators and admins: the public is sent to sign-in, others get 403")
    func uploadRoles() async throws {
        let store = try ServerFixture.store()
        try WebTestAccounts.addResearcher(store)
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            for uri in ["/upload", "/quarantine", "/quarantine/1", "/exports", "/exports/needs.csv", "/audit.csv"] {
                let response = try await client.get(uri)
                #expect(response.status == .seeOther && response.headers[.location] == "/signin", "\(uri)")
            }
            let anonymous = try await client.upload(["csrf": "x"], file: Self.export)
            #expect(anonymous.status == .unauthorized)
            for name in ["researcher", "planner"] {
                let (cookie, csrf) = try await client.signIn(name)
                for uri in ["/upload", "/quarantine", "/quarantine/1"] {
                    #expect(try await client.get(uri, cookies: cookie).status == .forbidden, "\(name) \(uri)")
                }
                let post = try await client.upload(["csrf": csrf], file: Self.export, cookies: cookie)
                #expect(post.status == .forbidden)
                let clear = try await client.post("/quarantine/clear", ["csrf": csrf], cookies: cookie)
                #expect(clear.status == .forbidden)
            }
            for name in ["op-csp", "admin"] {
                let (cookie, _) = try await client.signIn(name)
                let form = try await client.get("/upload", cookies: cookie)
                #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\""))
                #expect(form.text.contains("href=\"/upload\""), "the menu links the upload page")
                #expect(form.text.contains("href=\"/exports\"") == (name == "admin"), "exports: admins, not operators")
                #expect(try await client.get("/quarantine", cookies: cookie).status == .ok)
            }
        }
        #expect(try Self.quarantined(store) == 0)
    }

    @Test("an upload is ingested as `ingest` does: the summary page, the bad row's reason, no names stored")
    func uploadWithBadRow() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let response = try await client.upload(
                ["csrf": csrf, "form": ""], file: Self.export, fileName: "kobo <export>.csv", cookies: cookie)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("Esito del caricamento") && page.contains("kobo &lt;export&gt;.csv"))
            #expect(page.contains("<th scope=\"row\">Accettate</th><td>1</td>"))
            #expect(page.contains("<th scope=\"row\">Rifiutate (in quarantena)</th><td>1</td>"))
            #expect(page.contains("respondent_name"), "the dropped column is named")
            let row = try #require(try store.quarantinedRows().first)
            #expect(row.row == 3 && row.file == "kobo <export>.csv" && row.values["needs"] == "fod")
            #expect(!row.reasons.isEmpty)
            for reason in row.reasons { #expect(page.contains(WebTestAccounts.escaped(reason)), "\(reason)") }
            #expect(page.contains("href=\"/quarantine/\(row.id)\""))
            #expect(page.contains("<span class=\"batch\">\(row.batch)</span>"))
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM submission") } == 1)
        #expect(try !Self.stored(store, contains: "Rossi") && !Self.stored(store, contains: "Bianchi"))
        let entry = try #require(try store.auditLog().first)
        #expect(entry.account == "op-csp" && entry.action == "survey.upload" && entry.object.hasPrefix("batch "))
    }

    @Test("the summary page speaks the user's language")
    func summaryInEnglish() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let response = try await client.upload(
                ["csrf": csrf], file: Self.export, cookies: cookie + "; lang=ar")
            #expect(response.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(response.text.contains("ملخص الرفع") && response.text.contains("المرفوضة (في الحجر)"))
        }
    }

    @Test("correcting the rejected row in the browser ingests it and empties the quarantine")
    func correctInBrowser() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf, row, form) = try await Self.openCorrection(client, store, as: "op-csp")
            #expect(form.status == .ok)
            let action = "<form method=\"post\" action=\"/quarantine/\(row.id)\">"
            #expect(form.text.contains(action), "the form posts to its row")
            let fields = WebTestAccounts.inputs(form.text)
            let needs = try #require(fields.first { $0.value == "fod" })
            #expect(needs.bad, "the column the reason names is highlighted")
            #expect(fields.filter(\.bad).count == 1, "\(fields)")
            #expect(!form.text.contains("respondent_name") && !form.text.contains("Bianchi"))
            var post = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
            post["csrf"] = csrf
            post[needs.name] = "food"
            let missing = try await client.post(
                "/quarantine/\(row.id)", post.filter { $0.key != "csrf" }, cookies: cookie)
            #expect(missing.status == .forbidden, "no CSRF token: refused")
            #expect(try Self.quarantined(store) == 1)
            let saved = try await client.post("/quarantine/\(row.id)", post, cookies: cookie)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/quarantine?batch=\(row.batch)&notice=upload_corrected")
            let list = try await client.get(try #require(saved.headers[.location]), cookies: cookie)
            #expect(list.text.contains("Riga corretta e acquisita") && list.text.contains("La quarantena è vuota."))
        }
        #expect(try Self.quarantined(store) == 0)
        let needs = try store.read {
            try String.fetchAll(
                $0, sql: "SELECT category_code FROM need_report WHERE submission_uuid LIKE '%w-2%'")
        }
        #expect(needs == ["food"])
        #expect(try store.auditLog().first?.action == "quarantine.correct")
    }

    @Test("a correction that is still wrong stays in quarantine with the new reason, replacing the old entry")
    func correctionStillWrong() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf, row, form) = try await Self.openCorrection(client, store, as: "admin")
            var post = Dictionary(uniqueKeysWithValues: WebTestAccounts.inputs(form.text).map { ($0.name, $0.value) })
            post["csrf"] = csrf
            let needs = try #require(post.first { $0.value == "fod" }?.key)
            post[needs] = "shelter"
            let saved = try await client.post("/quarantine/\(row.id)", post, cookies: cookie)
            let again = try #require(try store.quarantinedRows().first)
            #expect(try Self.quarantined(store) == 1)
            #expect(again.batch != row.batch, "the correction's batch holds the new entry")
            #expect(again.values["needs"] == "shelter", "\(again.values)")
            #expect(saved.headers[.location] == "/quarantine/\(again.id)?notice=upload_still_rejected")
            let page = try await client.get("/quarantine/\(again.id)?notice=upload_still_rejected", cookies: cookie)
            #expect(page.text.contains("shelter") && page.text.contains("ancora rifiutata"))
        }
    }

    @Test("an upload larger than the limit is refused with a clear message (413) and writes nothing")
    func tooLarge() async throws {
        let store = try ServerFixture.store()
        let app = try WebApp(
            store: store, settings: ServerSettings(bcryptCost: 4, uploadLimit: 2048))
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let big = Self.export + String(repeating: "006001,food,high,uuid:x,\n", count: 200)
            let response = try await client.upload(["csrf": csrf], file: big, cookies: cookie)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("Il file supera il limite di 2 KB"))
            let small = try await client.upload(["csrf": csrf], file: Self.export, cookies: cookie)
            #expect(small.status == .ok)
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch") } == 1)
    }

    @Test("many text fields are refused (413) once they pass the form's room, before any check")
    func manyFields() async throws {
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            var fields = ["csrf": csrf]
            for i in 0..<20 { fields["f\(i)"] = String(repeating: "x", count: 4000) }
            let response = try await client.upload(fields, file: Self.export, cookies: cookie)
            #expect(response.status == .contentTooLarge)
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch") } == 0)
    }

    @Test("an upload without the CSRF token (or with another) is 403 and writes nothing")
    func uploadCSRF() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, _) = try await client.signIn("op-csp")
            #expect(try await client.upload([:], file: Self.export, cookies: cookie).status == .forbidden)
            let wrong = try await client.upload(
                ["csrf": String(repeating: "0", count: 64)], file: Self.export, cookies: cookie)
            #expect(wrong.status == .forbidden)
            let broken = try await client.execute(
                uri: "/upload", method: .post,
                headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=zz"],
                body: ByteBuffer(string: "not multipart"))
            #expect(broken.status == .badRequest)
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch") } == 0)
    }

    @Test("a file that is not a survey export gets the ingest's message, naming the uploaded file")
    func notAnExport() async throws {
        let app = try ServerFixture.app(ServerFixture.store())
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let response = try await client.upload(
                ["csrf": csrf], file: "a,b\n1,2\n", fileName: "other.csv", cookies: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("other.csv: ") && !response.text.contains("upload.csv"))
        }
    }

    @Test("the Surveys/samples ODK operator export uploads with the form chosen")
    func sampleExport() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        let sample = try String(contentsOfFile: "Surveys/samples/odk-operator.csv", encoding: .utf8)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("admin")
            let response = try await client.upload(
                ["csrf": csrf, "form": "operator"], file: sample, fileName: "odk-operator.csv", cookies: cookie)
            #expect(response.status == .ok)
            #expect(response.text.contains("odk-operator.csv</bdi> (operator, odk)"))
        }
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT form FROM batch") } == "operator")
    }

    @Test("quarantine list by batch, show, clear one row and clear a batch; each clear is audited")
    func quarantinePages() async throws {
        let store = try ServerFixture.store()
        let app = try ServerFixture.app(store)
        try await app.application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-caritas")
            _ = try await client.upload(["csrf": csrf], file: Self.export, fileName: "a.csv", cookies: cookie)
            let second = Self.export.replacingOccurrences(of: "w-", with: "v-")
            _ = try await client.upload(["csrf": csrf], file: second, fileName: "b.csv", cookies: cookie)
            let rows = try store.quarantinedRows()
            #expect(rows.count == 2)
            let all = try await client.get("/quarantine", cookies: cookie)
            #expect(all.text.contains("a.csv") && all.text.contains("b.csv"))
            let one = try await client.get("/quarantine?batch=\(rows[1].batch)", cookies: cookie)
            #expect(!one.text.contains("a.csv") && one.text.contains("b.csv"))
            #expect(try await client.get("/quarantine/999", cookies: cookie).status == .notFound)
            let noToken = try await client.post("/quarantine/\(rows[0].id)/clear", [:], cookies: cookie)
            #expect(noToken.status == .forbidden)
            let cleared = try await client.post("/quarantine/\(rows[0].id)/clear", ["csrf": csrf], cookies: cookie)
            #expect(cleared.status == .seeOther)
            #expect(try store.quarantinedRows().map(\.id) == [rows[1].id])
            let everything = try await client.post("/quarantine/clear", ["csrf": csrf], cookies: cookie)
            #expect(everything.status == .forbidden, "only an admin empties the whole quarantine")
            #expect(try store.quarantinedRows().map(\.id) == [rows[1].id])
            let batch = try await client.post(
                "/quarantine/clear", ["csrf": csrf, "batch": "\(rows[1].batch)"], cookies: cookie)
            #expect(batch.status == .seeOther)
        }
        #expect(try Self.quarantined(store) == 0)
        let clears = try store.auditLog().filter { $0.action == "quarantine.clear" }
        #expect(clears.map(\.object) == ["quarantine of batch 2 (1 rows)", "quarantine row 1"])
        #expect(clears.allSatisfy { $0.account == "op-caritas" })
    }

    @Test("an operator's paper upload is filed under its own organisation, whatever source the form names")
    func operatorsOwnSource() async throws {
        let paper = "questionnaire_id,date,municipality,needs,urgency\nP-1,2026-10-03,006001,food,high\n"
        let store = try ServerFixture.store()
        try await ServerFixture.app(store).application().test(.router) { client in
            let (cookie, csrf) = try await client.signIn("op-csp")
            let response = try await client.upload(
                ["csrf": csrf, "source": "Caritas", "form": "user"], file: paper, fileName: "paper.csv",
                cookies: cookie)
            #expect(response.status == .ok)
        }
        #expect(try Self.uuids(store).count == 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("paper-\(UUID()).csv").path
        try paper.write(toFile: file, atomically: true, encoding: .utf8)
        for (source, same) in [("CSP", true), ("Caritas", false)] {
            let other = try ServerFixture.store()
            _ = try await SurveyIngest.ingest(
                path: file, into: other, options: .init(form: .user, policy: IngestPolicy(source: source)))
            #expect((try Self.uuids(other) == Self.uuids(store)) == same, "\(source)")
        }
    }

    @Test(
        "an operator sees, corrects and clears only its own organisation's quarantined rows; an admin all",
        arguments: Backend.all)
    func quarantineByOrganisation(_ backend: Backend) async throws {
        let store = try await ServerFixture.store(backend)
        try await ServerFixture.app(store).application().test(.router) { client in
            let (_, _, row, own) = try await Self.openCorrection(client, store, as: "op-csp")
            #expect(own.status == .ok)
            let (cookie, csrf) = try await client.signIn("op-caritas")
            let list = try await client.get("/quarantine", cookies: cookie)
            #expect(list.status == .ok && !list.text.contains("/quarantine/\(row.id)"))
            #expect(try await client.get("/quarantine/\(row.id)", cookies: cookie).status == .notFound)
            let correct = try await client.post(
                "/quarantine/\(row.id)", ["csrf": csrf, "v0": "006001"], cookies: cookie)
            #expect(correct.status == .notFound)
            let clearRow = try await client.post("/quarantine/\(row.id)/clear", ["csrf": csrf], cookies: cookie)
            #expect(clearRow.status == .notFound)
            let clearBatch = try await client.post(
                "/quarantine/clear", ["csrf": csrf, "batch": "\(row.batch)"], cookies: cookie)
            #expect(clearBatch.status == .forbidden)
            #expect(try await store.quarantinedRows(batch: nil).map(\.id) == [row.id])
            let (adminCookie, _) = try await client.signIn("admin")
            let all = try await client.get("/quarantine", cookies: adminCookie)
            #expect(all.text.contains("/quarantine/\(row.id)"))
        }
    }

    static func uuids(_ store: Store) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT uuid FROM submission ORDER BY uuid") }
    }

}
