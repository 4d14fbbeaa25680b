import Foundation
import Testing

@testable import TerritorioServer

@Suite("Web app: the streaming multipart reader")
struct MultipartParserTests {
    static let boundary = "XyZ"
    static let body =
        "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a; b.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nx,y\r\n--Xy\r\n1,2\r\n--XyZ--\r\nepilogue"

    /// The events of `body` fed in chunks of `size` bytes, data merged per part.
    static func parts(chunk size: Int) throws -> [(name: String, file: String?, bytes: String)] {
        var parser = MultipartParser(boundary: boundary)
        var out: [(name: String, file: String?, bytes: String)] = []
        let bytes = Array(body.utf8)
        for start in stride(from: 0, to: bytes.count, by: size) {
            for event in try parser.feed(bytes[start..<min(bytes.count, start + size)]) {
                switch event {
                case .part(let name, let file): out.append((name, file, ""))
                case .data(let data): out[out.count - 1].bytes += String(decoding: data, as: UTF8.self)
                case .end: break
                }
            }
        }
        #expect(parser.state == .done)
        return out
    }

    @Test("the same parts whatever the chunks: one byte at a time or all at once")
    func chunks() throws {
        for size in [1, 2, 7, 64, 10_000] {
            let parts = try Self.parts(chunk: size)
            #expect(parts.map(\.name) == ["csrf", "file"], "chunk \(size)")
            #expect(parts[0].bytes == "abc" && parts[0].file == nil)
            #expect(parts[1].bytes == "x,y\r\n--Xy\r\n1,2", "the start of a delimiter stays data")
            #expect(parts[1].file == "a; b.csv", "a quoted file name keeps its semicolon")
        }
    }

    @Test("a part's bytes are passed on as they come: at most a delimiter's length is held back")
    func streams() throws {
        var parser = MultipartParser(boundary: Self.boundary)
        let head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n"
        _ = try parser.feed(Array(head.utf8))
        let events = try parser.feed([UInt8](repeating: 65, count: 100_000))
        let passed = events.reduce(0) { n, e in if case .data(let d) = e { n + d.count } else { n } }
        #expect(passed >= 100_000 - "\r\n--XyZ".utf8.count)
    }

    @Test("bodies that are not multipart are refused; the boundary comes from the content type")
    func malformed() throws {
        var parser = MultipartParser(boundary: Self.boundary)
        #expect(throws: MultipartUpload.Failure.self) { _ = try parser.feed(Array("--XyZ garbage".utf8)) }
        #expect(MultipartParser.boundary(contentType: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(MultipartParser.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartUpload.cleanFileName("C:\\Users\\x\\export\u{7}.csv") == "export.csv")
        #expect(MultipartUpload.cleanFileName("../") == "upload.csv")
    }
}
