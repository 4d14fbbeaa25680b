import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Broken input files, each reported with its real cause and where it is.
@Suite("Messages that name the real cause")
struct MisleadingInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        /// The command, before the database and the file.
        var command: [String]
        var status: Int32
        var expected: String
        var testDescription: String { name }
    }

    static let header = "questionnaire_id,municipality,needs,urgency\n"
    static let polygon = #""geometry":{"type":"Polygon","coordinates":[[[8.7,44.7],[8.8,44.7],[8.8,44.8],[8.7,44.7]]]}"#

    static func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
    static func utf32LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE, 0, 0] + text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
    }

    static let cases: [Case] = [
        Case(
            name: "one NUL byte in a CSV: its row is rejected, naming the column", file: "nul.csv",
            bytes: Array((header + "q-1,006114,fo").utf8) + [0] + Array("od,high\n".utf8),
            command: ["ingest", "--source", "CSP"], status: 3, expected: "column 'needs': holds a NUL byte"),
        Case(
            name: "a NUL byte in a CSV's header", file: "nulheader.csv",
            bytes: Array("questionnaire_id,munic".utf8) + [0]
                + Array("ipality,needs\nq-1,006114,food\n".utf8),
            command: ["ingest"], status: 65, expected: "a NUL byte (0x00) at line 1, column 23 (byte offset 22)"),
        Case(
            name: "invalid JSON", file: "bad.geojson",
            bytes: Array("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [ x ]\n}\n".utf8),
            command: ["import", "boundaries"], status: 65,
            expected: "it is not valid JSON (Invalid value at line 3, column 17 (byte offset 49))"),
        Case(
            name: "UTF-32 text", file: "utf32.csv", bytes: utf32LE(header + "q-1,006114,food,high\n"),
            command: ["ingest"], status: 65, expected: "the file is UTF-32 text"),
        Case(
            name: "UTF-16 text without a byte-order mark", file: "utf16.csv",
            bytes: Array(utf16LE(header + "q-1,006114,food,high\n").dropFirst(2)),
            command: ["ingest"], status: 65, expected: "the file is UTF-16 text"),
        Case(
            name: "a UTF-16 services CSV", file: "services.csv", bytes: utf16LE("id,name,categories\ns-1,Mensa,food\n"),
            command: ["import", "services"], status: 65, expected: "the file is UTF-16 text"),
        Case(
            name: "one Latin-1 byte in a GeoJSON name", file: "latin1.geojson",
            bytes: Array(
                #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"com_istat_code":"006114","name":"Novi Ligur"#
                    .utf8)
                + [0xE9] + Array(#""},"#.utf8) + Array(polygon.utf8) + Array("}]}\n".utf8),
            command: ["import", "boundaries"], status: 65,
            expected: "the byte 0xE9 at line 1, column 117 (byte offset 116) is not UTF-8")
    ]

    @Test("each broken file is reported with its real cause and position, never a raw system error", arguments: cases)
    func corpus(_ c: Case) throws {
        let (_, db) = try CommandMessagesTests.demo()
        let path = try Fixture.file(c.file, bytes: c.bytes)
        let result = try CLI.run(c.command + ["--db", db, path])
        #expect(result.status == c.status, "\(result.stderr)")
        #expect(
            result.stderr.contains("\(path): \(c.expected)") || result.stderr.contains(c.expected), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("com_istat_code' missing"))
        #expect(!result.stderr.contains("binary file"))
    }

    @Test(
        "a folder given as a file says so (66), for every kind of input",
        arguments: [
            ["ingest"], ["import", "boundaries"], ["import", "services"], ["import", "population"],
            ["consortium", "set"]
        ])
    func folderAsFile(command: [String]) throws {
        let (folder, db) = try CommandMessagesTests.demo()
        let result = try CLI.run(command + ["--db", db, folder.path])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("\(folder.path): this is a folder, not a file"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("a paper template saved with CR-only line ends (old Excel for Mac) is read like Kobo and ODK files")
    func crOnlyPaperTemplate() throws {
        let (folder, db) = try CommandMessagesTests.demo()
        let template = folder.appendingPathComponent("user.csv").path
        #expect(try CLI.run(["survey", "template", "--db", db, "--form", "user", "--out", template]).status == 0)
        var text = try String(contentsOfFile: template, encoding: .utf8)
        text += "q-1,CSP,2026-05-01,006114,,,food,high,,,,\n"
        let cr = try Fixture.file(
            "cr.csv", text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r"))
        let result = try CLI.run(["ingest", "--db", db, "--json", cr])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("no header line"))
        let summaries = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(summaries.first?["accepted"] as? Int == 1 && summaries.first?["dialect"] as? String == "paper")
    }

    @Test(
        "escape sequences in cells never reach the terminal; a huge cell of unknown choices gives a few lines, not megabytes"
    )
    func hostileBytes() throws {
        let (_, db) = try CommandMessagesTests.demo()
        let tokens = (0..<40_000).map { "x\($0)" }.joined(separator: " ")  // ~250 KB in one cell
        var text = Self.header
        text += "q-1,006114,\"\u{1B}[2J\u{1B}[31mfood\u{7}\",high\n"
        for i in 2...25 { text += "q-\(i),006114,\"\(tokens)\",high\n" }
        let file = try Fixture.file("hostile.csv", text)
        let result = try CLI.run(["ingest", "--db", db, "--source", "CSP", file])
        #expect(result.status == 3, "\(result.stderr.prefix(2_000))")
        #expect(
            !result.stderr.utf8.contains(0x1B) && !result.stderr.utf8.contains(0x07),
            "no control characters reach stderr")
        #expect(result.stderr.contains("\"[2J[31mfood\" is not one of the choices"), "\(result.stderr.prefix(2_000))")
        #expect(
            result.stderr.utf8.count < 20_000,
            "\(result.stderr.utf8.count) bytes of messages for a \(text.utf8.count)-byte file")
        #expect(result.stderr.contains("\"x0\", \"x1\", \"x2\" and 39,997 more"), "\(result.stderr.prefix(2_000))")
        #expect(result.stderr.contains("… and 5 more like this"), "\(result.stderr.suffix(1_000))")
    }
}
