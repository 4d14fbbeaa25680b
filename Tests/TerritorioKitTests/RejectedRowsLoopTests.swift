import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// The loop of rejected rows: `ingest --rejected` writes one file per form in the input's own
/// format, the corrected file ingests and clears the quarantine, and `territorio quarantine`
/// shows and empties it.
@Suite("Rejected rows: the correction loop")
struct RejectedRowsLoopTests {
    /// A database holding the embedded default, closed so that the command can use it.
    static func demoDatabase() throws -> (directory: URL, db: String) {
        let directory = try Fixture.temporaryDirectory()
        let db = directory.appendingPathComponent("territorio.sqlite").path
        let store = try Store.open(at: db)
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        try store.close()
        return (directory, db)
    }

    static func quarantined(_ db: String) throws -> Int {
        let store = try Store.open(at: db)
        defer { try? store.close() }
        return try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM quarantine") } ?? -1
    }

    /// A user export as Excel in Italian saves it: `;`, Windows-1252, CRLF.
    static let userExport =
        "municipality;needs;urgency;meta/instanceID\r\n"
        + "Gavi;food;Élevée;uuid:u-1\r\nGavi;fod;Élevée;uuid:u-2\r\n"
    static let operatorExport = """
        organization,municipality,period_start,period_end,requests_food,unmet_food,meta-instanceID,SubmissionDate
        Caritas,006114,2026-01-01,2026-06-30,40,10,uuid:o-1,2026-07-01T10:00:00.000Z
        Caritas,006114,2026-01-01,2026-06-30,4,10,uuid:o-2,2026-07-01T10:00:00.000Z

        """

    @Test("user and operator rejections go to one file per form, each in its input's delimiter and encoding")
    func oneFilePerForm() throws {
        let (directory, db) = try Self.demoDatabase()
        let user = try Fixture.file("user.csv", bytes: Array(Self.userExport.data(using: .windowsCP1252)!))
        let op = try Fixture.file("operator.csv", Self.operatorExport)
        let out = directory.appendingPathComponent("fix.csv").path
        let first = try CLI.run(["ingest", "--db", db, "--rejected", out, user, op])
        #expect(first.status == 3, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "two forms: no mixed file")
        let userFix = directory.appendingPathComponent("fix-user.csv").path
        let opFix = directory.appendingPathComponent("fix-operator.csv").path
        let userBytes = try Data(contentsOf: URL(fileURLWithPath: userFix))
        #expect(String(data: userBytes, encoding: .utf8) == nil, "Windows-1252 in, Windows-1252 out")
        let userText = try #require(String(data: userBytes, encoding: .windowsCP1252))
        #expect(userText.hasPrefix("municipality;needs;urgency;meta/instanceID;_territorio_row"))
        #expect(userText.contains("Gavi;fod;Élevée;uuid:u-2;3;"))
        let opText = try String(contentsOfFile: opFix, encoding: .utf8)
        #expect(opText.hasPrefix("organization,municipality,period_start"))
        #expect(!opText.contains("fod") && !userText.contains("Caritas"))
        #expect(try Self.quarantined(db) == 2)

        // Corrected in place, as Excel would save them, and ingested again.
        try Data(userText.replacingOccurrences(of: ";fod;", with: ";food;").data(using: .windowsCP1252)!)
            .write(to: URL(fileURLWithPath: userFix))
        try opText.replacingOccurrences(of: ",4,10,", with: ",14,10,")
            .write(toFile: opFix, atomically: true, encoding: .utf8)
        let second = try CLI.run(["ingest", "--db", db, userFix, opFix])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("user survey") && second.stderr.contains("operator survey"))
        #expect(second.stderr.contains("1 earlier rejected rows left the quarantine"))
        #expect(try Self.quarantined(db) == 0, "corrected rows leave the quarantine")
    }

    @Test("re-ingesting a row that is still wrong replaces its quarantine entry instead of adding a copy")
    func noSecondCopy() throws {
        let (directory, db) = try Self.demoDatabase()
        let op = try Fixture.file("operator.csv", Self.operatorExport)
        let out = directory.appendingPathComponent("fix.csv").path
        #expect(try CLI.run(["ingest", "--db", db, "--rejected", out, op]).status == 3)
        #expect(FileManager.default.fileExists(atPath: out), "one form: the file is OUT itself")
        #expect(try CLI.run(["ingest", "--db", db, "--rejected", out, out]).status == 3)
        #expect(try Self.quarantined(db) == 1)
        #expect(try CLI.run(["ingest", "--db", db, op]).status == 3, "the original export again")
        #expect(try Self.quarantined(db) == 1)
    }

    @Test("no rejected rows: no header-only file")
    func nothingRejected() throws {
        let (directory, db) = try Self.demoDatabase()
        let good = try Fixture.file(
            "good.csv",
            "municipality,needs,urgency,meta/instanceID\n"
                + "006114,food,high,uuid:g-1\n")
        let out = directory.appendingPathComponent("fix.csv").path
        let result = try CLI.run(["ingest", "--db", db, "--rejected", out, good])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(result.stderr.contains("No rejected rows"))
    }

    @Test("quarantine list, show and clear")
    func quarantineCommand() throws {
        let (_, db) = try Self.demoDatabase()
        let op = try Fixture.file("operator.csv", Self.operatorExport)
        #expect(try CLI.run(["ingest", "--db", db, op]).status == 3)
        let list = try CLI.run(["quarantine", "list", "--db", db, "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["row"] as? Int == 3 && rows[0]["form"] as? String == "operator")
        let id = try #require(rows[0]["id"] as? Int)
        let show = try CLI.run(["quarantine", "show", "--db", db, String(id)])
        #expect(show.status == 0)
        #expect(show.stdout.contains("unmet_food: 10 requests not satisfied is more than the 4 received"))
        #expect(show.stdout.contains("organization: Caritas"))
        #expect(try CLI.run(["quarantine", "show", "--db", db, "999"]).status == 65)
        #expect(try CLI.run(["quarantine", "clear", "--db", db]).status == 64, "ids or --all")
        let clear = try CLI.run(["quarantine", "clear", "--db", db, "--all"])
        #expect(clear.status == 0 && clear.stderr.contains("Deleted 1 quarantined rows"))
        #expect(try CLI.run(["quarantine", "list", "--db", db]).stderr.contains("The quarantine is empty"))
    }
}
