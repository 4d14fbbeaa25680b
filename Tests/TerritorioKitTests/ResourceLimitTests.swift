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

/// Resource limits: a large ingest is refused up front when the disk cannot hold it, and an
/// oversized field is a rejected row, not a memory blow-up.
@Suite("Resource limits")
struct ResourceLimitTests {
    static let megabyte: Int64 = 1_048_576

    /// Writes `bytes` zero bytes to a fresh file named `name` and returns its path.
    func file(_ name: String, bytes: Int, in folder: URL) -> String {
        let path = folder.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(count: bytes))
        return path
    }

    @Test("a large ingest is refused when the disk lacks the database's size plus the input's")
    func refusesWithoutSpace() throws {
        let folder = try Fixture.temporaryDirectory()
        let input = file("big.csv", bytes: 3_000, in: folder)
        let database = file("territorio.sqlite", bytes: 5_000, in: folder)
        #expect(DiskSpace.need(input: 3_000, database: 5_000) == 8_000)
        let error = #expect(throws: InputError.self) {
            try DiskSpace.checkIngest(input: input, database: database, largeInput: 1_000, free: 7_999)
        }
        let message = try #require(error).description
        #expect(message.contains("not enough free disk space"), "\(message)")
        #expect(message.contains("needs about 1 MB") && message.contains("0 MB are free"), "\(message)")
        #expect(message.contains(database), "the message names where the space is lacking: \(message)")
        try DiskSpace.checkIngest(input: input, database: database, largeInput: 1_000, free: 8_000)
    }

    @Test("the refusal names the need and what is free in megabytes")
    func refusalMessage() {
        let text = DiskSpace.notEnoughSpace(
            needed: 300 * Self.megabyte, free: 120 * Self.megabyte,
            input: 200 * Self.megabyte, database: 100 * Self.megabyte,
            path: "/srv/t.sqlite")
        #expect(text.contains("needs about 300 MB"))
        #expect(text.contains("the database, 100 MB"))
        #expect(text.contains("the file's 200 MB"))
        #expect(text.contains("120 MB are free where the database is (/srv/t.sqlite)"))
    }

    @Test("a small input is not checked; the WAL counts as part of the database")
    func smallInputsAndWAL() throws {
        let folder = try Fixture.temporaryDirectory()
        let input = file("small.csv", bytes: 100, in: folder)
        let database = file("territorio.sqlite", bytes: 100, in: folder)
        try DiskSpace.checkIngest(input: input, database: database, largeInput: 1_000, free: 0)
        _ = file("territorio.sqlite-wal", bytes: 900, in: folder)
        #expect(throws: InputError.self) {
            try DiskSpace.checkIngest(input: input, database: database, largeInput: 100, free: 1_000)
        }
        #expect(
            DiskSpace.free(at: folder.appendingPathComponent("not-yet/territorio.sqlite").path) ?? 0 > 0,
            "the free space of a database not created yet is its nearest existing folder's")
    }

    @Test("the real check passes for an ingest that fits, and the ingest runs")
    func ingestChecksSpace() throws {
        let store = try Fixture.demoStore()
        let path = try Fixture.file("ok.csv", "municipality,needs,urgency,meta/instanceID\n006114,food,high,uuid:d1\n")
        try DiskSpace.checkIngest(input: path, database: store.path, largeInput: 1)
        let (summary, _) = try SurveyIngest.ingest(path: path, into: store)
        #expect(summary.accepted == 1)
    }

    @Test("a 2 MB field rejects its row end to end, naming row and column; the other rows are ingested")
    func oversizedFieldEndToEnd() throws {
        let (database, store) = try Fixture.demoDatabase()
        let big = String(repeating: "x", count: 2 * CSVStream.maximumFieldBytes)
        let text =
            "municipality,needs,urgency,meta/instanceID,notes\n006114,food,high,uuid:f1,ok\n"
            + "006114,food,high,uuid:f2,\"\(big)\"\n006114,food,high,uuid:f3,ok\n"
        let path = try Fixture.file("big-field.csv", text)
        let result = try CLI.run(["ingest", "--db", database, path])
        #expect(result.status == 3, "partial: \(result.stderr)")
        #expect(result.stderr.contains("row 3") && result.stderr.contains("longer than 1 MB"), "\(result.stderr)")
        #expect(result.stderr.count < 100_000, "the field is not echoed back")
        let count = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submission") }
        #expect(count == 2)
    }
}
