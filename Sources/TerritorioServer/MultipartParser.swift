import Foundation

/// A streaming reader of `multipart/form-data` bodies (RFC 7578): bytes go in as they arrive,
/// events come out (a part begins, some of its bytes, the end). It keeps at most one delimiter's
/// length of a part's bytes and one part's headers, never the whole body.
struct MultipartParser {
    enum Event: Equatable {
        /// A part begins: its field name and, for a file, the name the browser gave it.
        case part(name: String, fileName: String?)
        case data([UInt8])
        case end
    }

    enum State { case preamble, afterDelimiter, headers, body, done }

    /// The longest headers of one part.
    static let headerLimit = 16 * 1024

    private let delimiter: [UInt8]
    /// The body starts with `--boundary` without the line break the delimiter begins with.
    private var buffer: [UInt8] = Array("\r\n".utf8)
    private(set) var state = State.preamble

    init(boundary: String) { delimiter = Array("\r\n--\(boundary)".utf8) }

    /// The boundary of a `multipart/form-data` content type, or nil.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        let value = parameter("boundary", in: contentType)
        guard let value, !value.isEmpty, value.utf8.count <= 70 else { return nil }
        return value
    }

    /// Reads `bytes`; returns what they complete. Throws on a body that is not multipart.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while try step(&events) {}
        return events
    }

    /// One step of the state machine; false when it needs more bytes.
    private mutating func step(_ events: inout [Event]) throws -> Bool {
        switch state {
        case .preamble:
            guard let i = Self.find(delimiter, in: buffer) else { return keepTail() }
            buffer.removeFirst(i + delimiter.count)
            state = .afterDelimiter
        case .afterDelimiter:
            guard buffer.count >= 2 else { return false }
            if buffer[0] == 0x2D && buffer[1] == 0x2D {
                (state, buffer) = (.done, [])
                events.append(.end)
                return false
            }
            guard buffer[0] == 0x0D && buffer[1] == 0x0A else { throw MultipartUpload.Failure.malformed }
            buffer.removeFirst(2)
            state = .headers
        case .headers:
            guard let i = Self.find(Array("\r\n\r\n".utf8), in: buffer) else {
                if buffer.count > Self.headerLimit { throw MultipartUpload.Failure.malformed }
                return false
            }
            events.append(try Self.part(String(decoding: buffer[0..<i], as: UTF8.self)))
            buffer.removeFirst(i + 4)
            state = .body
        case .body:
            guard let i = Self.find(delimiter, in: buffer) else {
                let safe = buffer.count - (delimiter.count - 1)
                if safe > 0 {
                    events.append(.data(Array(buffer[0..<safe])))
                    buffer.removeFirst(safe)
                }
                return false
            }
            if i > 0 { events.append(.data(Array(buffer[0..<i]))) }
            buffer.removeFirst(i + delimiter.count)
            state = .afterDelimiter
        case .done:
            buffer = []
            return false
        }
        return true
    }

    /// Keeps only what could be the start of a delimiter (the preamble is dropped).
    private mutating func keepTail() -> Bool {
        if buffer.count > delimiter.count { buffer.removeFirst(buffer.count - delimiter.count) }
        return false
    }

    /// The part that `headers` describe (its `Content-Disposition`).
    static func part(_ headers: String) throws -> Event {
        for line in headers.split(separator: "\r\n") {
            let text = String(line)
            guard text.lowercased().hasPrefix("content-disposition:") else { continue }
            guard let name = parameter("name", in: text) else { break }
            return .part(name: name, fileName: parameter("filename", in: text))
        }
        throw MultipartUpload.Failure.malformed
    }

    /// The value of `key` among the `; key=value` parameters of a header (quoted or not).
    static func parameter(_ key: String, in header: String) -> String? {
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value: Substring
            if rest.first == "\"" {
                rest = rest.dropFirst()
                let close = rest.firstIndex(of: "\"") ?? rest.endIndex
                value = rest[..<close]
                rest = close < rest.endIndex ? rest[rest.index(after: close)...] : ""
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            if name == key { return value.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// The first index of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
