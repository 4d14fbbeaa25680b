import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// One CSV reader (``CSVStream``) for every file: the same dialect sniffing and the same refusals.
@Suite("One CSV reader")
struct CSVReaderTests {
    struct Reader: Sendable, CustomTestStringConvertible {
        var name: String
        var header: String
        var row: String
        var read: @Sendable (String) throws -> Void
        var testDescription: String { name }
    }

    static let categoriesHeader =
        "code,label_it,label_en,label_fr,label_ar,"
        + "description_it,description_en,description_fr,description_ar"
    static let faqHeader =
        "category,question_it,question_en,question_fr,question_ar,answer_it,answer_en,answer_fr,answer_ar"

    static let readers: [Reader] = [
        Reader(
            name: "population", header: "istat_code,name,population_2011", row: "006114,Novi,2774X",
            read: { _ = try PopulationFile.read(path: $0) }),
        Reader(
            name: "consortium", header: "istat_code,name", row: "006114,NoviX",
            read: { _ = try ConsortiumFile.read(path: $0) }),
        Reader(
            name: "categories", header: categoriesHeader, row: "food,Cibo,Food,Nourriture,طعام,a,b,c,dX",
            read: { _ = try CategoryFile.read(path: $0) }),
        Reader(
            name: "faq", header: faqHeader, row: "food,q,q,q,q,a,a,a,aX",
            read: { _ = try Poster.questions(path: $0) }),
        Reader(
            name: "cost matrix", header: "origin,destination,cost", row: "006114,svc-1,3.5X",
            read: { _ = try GapInputs.readCosts($0) })
    ]

    /// The reader's valid row with its last character replaced by `bytes`.
    static func file(_ r: Reader, replacingLastWith bytes: [UInt8]) throws -> String {
        try Fixture.file("in.csv", bytes: Array((r.header + "\n").utf8) + Array(r.row.dropLast().utf8) + bytes + [10])
    }

    @Test("each small-file reader accepts its valid row", arguments: readers)
    func valid(_ r: Reader) throws {
        try r.read(Fixture.file("in.csv", r.header + "\n" + r.row.dropLast() + "\n"))
    }

    @Test("each small-file reader refuses a NUL byte, naming row 2", arguments: readers)
    func nul(_ r: Reader) throws {
        let path = try Self.file(r, replacingLastWith: [0x37, 0, 0x38])
        #expect { try r.read(path) } throws: { "\($0)".contains("row 2") && "\($0)".contains("NUL") }
    }

    @Test("each small-file reader refuses a quote never closed, naming row 2", arguments: readers)
    func unclosedQuote(_ r: Reader) throws {
        let text = r.header + "\n" + r.row.split(separator: ",").dropLast().joined(separator: ",") + ",\"7\n"
        #expect { try r.read(Fixture.file("in.csv", text)) } throws: {
            "\($0)".contains("row 2") && "\($0)".contains("never closed")
        }
    }

    @Test("each small-file reader reads Excel's dialect: BOM, semicolons, Windows-1252, CRLF", arguments: readers)
    func excelDialect(_ r: Reader) throws {
        let text = (r.header + "\r\n" + r.row.dropLast() + "\r\n").replacingOccurrences(of: ",", with: ";")
        try r.read(Fixture.file("in.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        let accented = text.replacingOccurrences(of: "Novi", with: "Novì")
        let cp1252 = try #require(accented.data(using: .windowsCP1252, allowLossyConversion: true))
        try r.read(Fixture.file("in.csv", bytes: Array(cp1252)))
    }

    @Test("a binary file is still refused as a whole; a stray NUL further on is its row's problem")
    func binary() throws {
        let zip = try Fixture.file("x.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0])
        #expect { try CSVStream.table(path: zip) } throws: { "\($0)".contains("zip file") }
        let stray = try Fixture.file("y.csv", bytes: Array("a,b\n1,".utf8) + [0] + Array("2\n".utf8))
        let table = try CSVStream.table(path: stray, strict: false)
        #expect(table.malformed[0]?.first?.field == "b")
    }

    @Test("a cell neutralised against formulas ('=…) reads back as written before")
    func formulaPrefixUndone() throws {
        let path = try Fixture.file("in.csv", "a,b,c\n'=HYPERLINK(\"x\"),'-3.5 km,'it's\n")
        let table = try CSVStream.table(path: path)
        #expect(table.records == [["=HYPERLINK(\"x\")", "-3.5 km", "'it's"]])
    }
}
