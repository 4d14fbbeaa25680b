import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit

/// ``CSVStream`` reads 1 MiB at a time and copies runs of bytes at once: a doubled quote, a CRLF,
/// a quoted field or a delimiter cut by the end of a chunk must read as if the file were whole.
@Suite("CSV reader across chunk boundaries")
struct CSVChunkBoundaryTests {
    /// A file whose padding row puts `tail`'s first byte at `shift` bytes from the 1 MiB boundary.
    static func read(tail: String, shift: Int) throws -> [[String]] {
        let header = "a,b\n"
        let padding = String(repeating: "x", count: (1 << 20) - header.utf8.count - 3 - shift)
        let text = header + padding + ",y\n" + tail
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("chunk-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try CSVStream(path: path)
        var rows: [[String]] = []
        while let record = try stream.next() {
            #expect(record.shapeProblems(columns: 2).isEmpty, "row \(record.row)")
            rows.append(record.fields)
        }
        #expect(rows.count == 4)
        #expect(rows[1] == [padding, "y"])
        return Array(rows.dropFirst(2))
    }

    @Test("doubled quotes, CRLF, quoted delimiters and plain cells cut at every offset", arguments: 0..<12)
    func everyOffset(shift: Int) throws {
        let rows = try Self.read(tail: "\"say \"\"hi\"\"\",\"1,5\"\r\nplain,\"\"\"\"\n", shift: shift)
        #expect(rows == [["say \"hi\"", "1,5"], ["plain", "\""]])
    }

    @Test("a field that ends the file without a newline is kept, at every offset", arguments: 0..<6)
    func lastField(shift: Int) throws {
        let rows = try Self.read(tail: "p,\"q\"\"\"\nr,s", shift: shift)
        #expect(rows == [["p", "q\""], ["r", "s"]])
    }
}
