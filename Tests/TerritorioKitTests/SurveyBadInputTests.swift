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

/// A corpus of bad (and awkward but valid) survey files: none may crash the ingestion; each
/// gets the expected outcome and reason; an unreadable file leaves the database unchanged.
@Suite("Survey ingestion: bad-input corpus")
struct SurveyBadInputTests {
    enum Expect: Sendable {
        case unreadable(String)
        case rejects(String)
        case accepts(Int)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expect: Expect
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ expect: Expect) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.expect = expect
        }
        init(_ name: String, bytes: [UInt8], _ expect: Expect) {
            self.name = name
            self.bytes = bytes
            self.expect = expect
        }
    }

    static let h = "municipality,needs,urgency,meta/instanceID"
    static func one(_ row: String, header: String = h) -> String { header + "\n" + row + "\n" }

    static let corpus: [Case] = [
        // The file as a whole.
        Case("empty file", "", .unreadable("the file is empty")),
        Case("blank lines only", "\n\n\r\n", .unreadable("no header line")),
        Case(
            "binary file", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
            .unreadable("a NUL byte (0x00) at line 3, column 1 (byte offset 8)")),
        Case(
            "an xlsx instead of a CSV", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0],
            .unreadable("this is a zip file (.xlsx, .ods or .zip)")),
        Case(
            "UTF-16 text", bytes: [0xFF, 0xFE] + Array("municipality".utf8).flatMap { [$0, 0] }, .unreadable("UTF-16")),
        Case(
            "wrong delimiter", "municipality|needs|urgency|meta/instanceID\n006114|food|high|uuid:x\n",
            .unreadable("no column matches")),
        Case("a GeoJSON file", #"{"type":"FeatureCollection","features":[]}"#, .unreadable("no column matches")),
        Case("the services CSV", "id,name,categories\nx,y,food\n", .unreadable("no column matches")),
        Case(
            "duplicated header column",
            one("006114,food,food,high,uuid:x", header: "municipality,needs,needs,urgency,meta/instanceID"),
            .unreadable("hold the same question")),
        Case(
            "required column missing", "municipality,needs,meta/instanceID\n006114,food,uuid:x\n",
            .unreadable("needs the columns urgency")),
        // Rows.
        Case("header only", h + "\n", .accepts(0)),
        Case("required value missing", one("006114,food,,uuid:x"), .rejects("urgency: missing (required)")),
        Case(
            "unknown choice", one("006114,food,urgentissimo,uuid:x"),
            .rejects("\"urgentissimo\" is not one of the choices")),
        Case("unknown need", one("006114,fod,high,uuid:x"), .rejects("needs: \"fod\" is not one of the choices")),
        Case("no need chosen", one("006114,,high,uuid:x"), .rejects("needs: missing (required)")),
        Case(
            "lat/lon swapped", one("\"8.7967 44.7622 0 5\",006114,food,high,uuid:x", header: "location," + h),
            .rejects("look swapped")),
        Case(
            "point in the sea, no municipality",
            "location,needs,urgency,meta/instanceID\n\"44.2 8.9 0 5\",food,high,uuid:x\n",
            .rejects("in no municipality")),
        Case(
            "point in the sea, municipality given",
            one("\"44.2 8.9 0 5\",006114,food,high,uuid:x", header: "location," + h), .accepts(1)),
        Case(
            "point found without municipality",
            "location,needs,urgency,meta/instanceID\n\"44.7622 8.7967 0 5\",food,high,uuid:x\n", .accepts(1)),
        Case("ragged row, too short", one("006114,food"), .rejects("fields but the header has")),
        Case("ragged row, too long", one("006114,food,high,uuid:x,extra"), .rejects("fields but the header has")),
        Case("embedded newline in a quoted field", one("006114,\"food\nhousing\",high,uuid:x"), .accepts(1)),
        Case(
            "a 10 MB field",
            one("006114,food,high,uuid:x,\"" + String(repeating: "a", count: 10_000_000) + "\"", header: h + ",extra"),
            .rejects("longer than 1 MB")),
        Case(
            "unknown municipality", one("Novi Ligurria,food,high,uuid:x"),
            .rejects("unknown \"Novi Ligurria\"; did you mean Novi Ligure?")),
        Case("ambiguous municipality", one("C,food,high,uuid:x"), .rejects("could be")),
        Case(
            "names as people type them",
            h
                + "\nNOVI,food,high,uuid:a\nSerravalle S.,food,high,uuid:b\nCapriata D'orba,food,high,uuid:c\nbosio,food,high,uuid:d\n",
            .accepts(4)),
        Case(
            "household size out of range", one("006114,food,high,uuid:x,0", header: h + ",household_size"),
            .rejects("household_size: expected a whole number from 1 to 20")),
        Case(
            "household size in words", one("006114,food,high,uuid:x,tre", header: h + ",household_size"),
            .rejects("household_size")),
        Case("no instance id", "municipality,needs,urgency\n006114,food,high\n", .rejects("no instance id")),
        Case(
            "submission date not a date", one("006114,food,high,uuid:x,ieri", header: h + ",_submission_time"),
            .rejects("is not a date")),
        Case("Arabic labels as values", one("006114,المساعدة الغذائية والوجبات,عالية,uuid:x"), .accepts(1)),
        Case(
            "Italian labels with spaces in a select_multiple",
            one("006114,Aiuti alimentari e pasti Cure sanitarie,Alta,uuid:x"), .accepts(1)),
        Case(
            "labels as headers",
            "In quale comune vivi?,Di che cosa hai bisogno?,Quanto è urgente?,meta/instanceID\nGavi,food,high,uuid:x\n",
            .accepts(1)),
        Case(
            "Windows-1252 accents",
            bytes: Array(
                "municipality;needs;urgency;meta/instanceID\r\nGavi;food;Élevée;uuid:x\r\n".data(using: .windowsCP1252)!
            ), .accepts(1)),
        Case(
            "UTF-8 BOM and semicolons (Excel, Italian)",
            bytes: [0xEF, 0xBB, 0xBF]
                + Array("municipality;needs;urgency;meta/instanceID\r\nGavi;food;Media;uuid:x\r\n".utf8), .accepts(1)),
        Case(
            "decimal comma coordinates",
            "questionnaire_id;source;municipality;location_lat;location_lon;needs;urgency\n"
                + "P-1;Caritas;Novi Ligure;44,7622;8,7967;food;Alta\n",
            .accepts(1)),
        Case(
            "paper questionnaires without a source column",
            "questionnaire_id;municipality;needs;urgency\nP-1;Novi Ligure;food;Alta\n",
            .unreadable("need a 'source' column")),
        Case(
            "household size in hexadecimal", one("006114,food,high,uuid:x,0x10", header: h + ",household_size"),
            .rejects("household_size: expected a whole number from 1 to 20, found \"0x10\"")),
        Case(
            "household size with an exponent", one("006114,food,high,uuid:x,1e1", header: h + ",household_size"),
            .rejects("household_size: expected a whole number")),
        Case(
            "household size as a spreadsheet writes it",
            one("006114,food,high,uuid:x,\"3,0\"", header: h + ",household_size"),
            .accepts(1)),
        Case(
            "a date in 2126", one("006114,food,high,uuid:x,2126-05-01T10:00:00", header: h + ",_submission_time"),
            .rejects("is in the future")),
        Case(
            "a date in 1900", one("006114,food,high,uuid:x,01/05/1900", header: h + ",date"),
            .rejects("date: \"01/05/1900\" is before 2000-01-01")),
        Case(
            "a period ending in 2126",
            "organization,municipality,period_start,period_end,requests_food,meta-instanceID\n"
                + "Caritas,006114,2026-01-01,2126-06-30,4,uuid:o\n",
            .rejects("period_end: \"2126-06-30\" is in the future")),
        Case(
            "needs list contradicting its 0/1 columns",
            one("006114,food,high,uuid:x,0,1", header: h + ",needs/food,needs/health"),
            .rejects("expected the list and its 0/1 columns to agree")),
        Case(
            "needs list agreeing with its 0/1 columns",
            one("006114,food,high,uuid:x,1,0", header: h + ",needs/food,needs/health"),
            .accepts(1)),
        Case(
            "0/1 column with another value", one("006114,food,high,uuid:x,forse", header: h + ",needs/health"),
            .rejects("expected 0 or 1")),
        Case(
            "0/1 columns alone",
            "municipality,needs/food,needs/health,urgency,meta/instanceID\n006114,1,0,high,uuid:x\n", .accepts(1)),
        Case(
            "header repeated inside the data", h + "\n006114,food,high,uuid:a\n" + h + "\n",
            .rejects("repeats the header")),
        Case(
            "malformed geopoint", one("44.76,006114,food,high,uuid:x", header: "location," + h),
            .rejects("expected \"latitude longitude")),
        Case(
            "latitude out of range", one("\"95 8.79 0 5\",006114,food,high,uuid:x", header: "location," + h),
            .rejects("outside WGS84")),
        Case(
            "only a latitude", "_location_latitude,_location_longitude," + h + "\n44.76,,006114,food,high,uuid:x\n",
            .rejects("give both")),
        Case(
            "unknown age group", one("006114,food,high,uuid:x,old", header: h + ",age_group"),
            .rejects("age_group: \"old\" is not one of the choices")),
        Case("a stray quote inside a field", one("Capriata d\"Orba,food,high,uuid:x"), .accepts(1)),
        Case("an unterminated quote", one("006114,\"food,high,uuid:x"), .rejects("fields but the header has")),
        Case(
            "an unterminated quote, named", one("006114,\"food,high,uuid:x"),
            .rejects("column 'needs': a quote opens this field and is never closed")),
        Case(
            "a NUL byte inside a field", bytes: Array((h + "\n006114,fo").utf8) + [0] + Array("od,high,uuid:x\n".utf8),
            .rejects("column 'needs': holds a NUL byte")),
        Case(
            "0/1 column ticked in French", one("006114,food health,high,uuid:x,oui", header: h + ",needs/health"),
            .accepts(1)),
        Case(
            "an ISTAT code not in the database", one("099999,food,high,uuid:x"),
            .rejects("the code 099999 is not a municipality of the database")),
        Case(
            "a name with a wrong word suggests the municipality it contains", one("Gavi Ligure,food,high,uuid:x"),
            .rejects("did you mean Gavi?")),
        Case("the same UUID twice in one file", h + "\n006114,food,high,uuid:a\n006114,food,high,uuid:a\n", .accepts(1))
    ]

    @Test("each file of the corpus gets its expected outcome, without crashing", arguments: corpus)
    func corpusCase(_ c: Case) throws {
        let store = try Fixture.demoStore()
        let before = try Fixture.snapshot(store)
        let path = try Fixture.file("input.csv", bytes: c.bytes)
        switch c.expect {
        case .unreadable(let fragment):
            #expect {
                try SurveyIngest.ingest(path: path, into: store)
            } throws: { error in
                "\(error)".contains(fragment) && "\(error)".contains("input.csv")
            }
            #expect(try Fixture.snapshot(store) == before)
            #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch") } == 0)
        case .rejects(let fragment):
            let (summary, rejected) = try SurveyIngest.ingest(path: path, into: store)
            #expect(summary.rejected >= 1)
            #expect(
                summary.rejections.contains { $0.messages.contains { $0.contains(fragment) } }, "\(summary.rejections)")
            let quarantined = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM quarantine") }
            #expect(quarantined == summary.rejected, "every rejected row is kept")
            #expect(rejected.rows.count == summary.rejected)
        case .accepts(let n):
            let (summary, _) = try SurveyIngest.ingest(path: path, into: store)
            #expect(summary.accepted == n && summary.rejected == 0, "\(summary.rejections)")
        }
    }

    @Test("the corpus has at least 40 cases")
    func corpusSize() { #expect(Self.corpus.count >= 40) }
}
