import Foundation

/// Reads a delimited text file record by record, without loading it whole (RFC 4180 quoting,
/// embedded newlines, CRLF or LF). Detects a UTF-8 BOM, falls back to Windows-1252 for text that
/// is not UTF-8, and guesses the delimiter (`;`, `,` or tab) from the first line that is not a
/// `#` comment. The one CSV reader of territorio: survey exports, services, population,
/// consortium, categories, faq and cost files all go through it (``table(path:strict:)`` reads a
/// small file whole).
///
/// Nothing is changed silently: a quote left open, a NUL byte or an oversized field is recorded
/// on the record (``Record/shapeProblems(columns:)``) for the caller to refuse the row. A cell
/// that ``CSVText`` neutralised against formula injection (`'=…`) is read back without its `'`.
///
/// Written for throughput (a byte-level state machine over 1 MiB chunks): survey exports run to
/// millions of rows.
public final class CSVStream {
    /// One record: its fields and the row a spreadsheet would show it on (the first line is row 1).
    public struct Record {
        public var fields: [String]
        public var row: Int
        /// The index of a field longer than ``maximumFieldBytes`` (kept truncated), if any.
        public var oversizedField: Int?
        /// The index of the first field holding a NUL byte, if any.
        public var nulField: Int?
        /// The index of a field whose opening quote is never closed (it ran to the end of the file).
        public var unclosedQuoteField: Int?

        /// What is wrong with the record's shape, for a file whose header has `columns` fields:
        /// each problem with the index of the field concerned (nil for the row as a whole).
        /// The same refusals for every file territorio reads.
        public func shapeProblems(columns: Int) -> [(field: Int?, message: String)] {
            var out: [(field: Int?, message: String)] = []
            if let i = unclosedQuoteField {
                out.append(
                    (
                        i,
                        "a quote opens this field and is never closed, "
                            + "so the rest of the file was read into it"
                    ))
            }
            if fields.count != columns {
                out.append(
                    (
                        nil,
                        "the row has \(fields.count) fields but the header has \(columns): "
                            + "a delimiter or quote is missing or extra"
                    ))
            }
            if let i = oversizedField { out.append((i, "longer than \(CSVStream.maximumFieldBytes / 1_048_576) MB")) }
            if let i = nulField { out.append((i, CSVStream.nulMessage)) }
            return out
        }
    }

    public static let maximumFieldBytes = 1 << 20

    /// The problem of a field holding a NUL byte (also used for GeoJSON input).
    public static let nulMessage = "holds a NUL byte (binary data, not text): the file may be damaged; export it again"

    public let path: String
    public let totalBytes: Int
    public private(set) var bytesRead = 0
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public private(set) var encoding = "UTF-8"
    /// Whether the file starts with a UTF-8 byte-order mark.
    public private(set) var byteOrderMark = false
    /// Comment lines (`#…`) seen before the header.
    public private(set) var commentLines: [String] = []

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var rowCounter = 0
    private var windows1252 = false
    /// The previous record's number of fields: room for the next record's (no growing array).
    private var fieldsHint = 16
    /// The bytes of the field being read, kept between records (no new buffer per record).
    private var spareField: [UInt8] = []

    public init(path: String) throws(InputError) {
        self.path = path
        try InputFile.check(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.unreadable"))
        }
        self.handle = handle
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try fill()
        if buffer.isEmpty { throw InputError(file: path, Messages.text("file.empty")) }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            byteOrderMark = true
        }
        let sample = buffer[position..<min(buffer.count, 65_536)]
        // Not CSV text (a zip, UTF-16 or UTF-32, NUL bytes in the header or throughout): refused
        // with the cause and its position. A stray NUL further on is only its own row's problem.
        let wide = buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) || buffer.first == 0
        if wide || Self.looksBinary(sample) {
            throw InputError(file: path, InputFile.notText(buffer) ?? Messages.text("text.zip"))
        }
        if String(validating: Array(sample), as: UTF8.self) == nil, !Self.endsInsideUTF8(sample) {
            windows1252 = true
            encoding = "Windows-1252"
        }
        delimiter = sniffDelimiter()
    }

    deinit { try? handle.close() }

    /// The file's delimiter, encoding and byte-order mark, to write a file the same way.
    public var format: TextFileFormat {
        TextFileFormat(delimiter: delimiter, windows1252: windows1252, byteOrderMark: byteOrderMark)
    }

    /// The next record, or nil at the end of the file. Comment lines before the header are
    /// collected in ``commentLines`` and skipped.
    public func next() throws -> Record? {
        while true {
            if !headerSeen, let comment = try readCommentLine() {
                commentLines.append(comment)
                continue
            }
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }  // blank line
            headerSeen = true
            return record
        }
    }

    private var headerSeen = false

    private func fill() throws(InputError) {
        guard !atEnd else { return }
        let chunk: Data?
        do { chunk = try handle.read(upToCount: 1 << 20) } catch {
            throw InputError(
                file: path, kind: .unreadable,
                Messages.text("file.read_failed", ("reason", error.localizedDescription)))
        }
        guard let chunk, !chunk.isEmpty else {
            atEnd = true
            return
        }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        bytesRead += chunk.count
    }

    /// A whole line starting with `#`, read as it is (quotes and delimiters mean nothing in it).
    private func readCommentLine() throws(InputError) -> String? {
        if position >= buffer.count { try fill() }
        guard position < buffer.count, buffer[position] == UInt8(ascii: "#") else { return nil }
        rowCounter += 1
        var line: [UInt8] = []
        while true {
            if position >= buffer.count {
                try fill()
                if position >= buffer.count { break }
            }
            let b = buffer[position]
            position += 1
            if b == UInt8(ascii: "\n") { break }
            if b == UInt8(ascii: "\r") {  // CR-only line ends (old Mac Excel) end a comment line too
                if position >= buffer.count { try fill() }
                if position < buffer.count && buffer[position] == UInt8(ascii: "\n") { position += 1 }
                break
            }
            line.append(b)
        }
        return decode(line)
    }

    /// A record being read: what ``scan(_:)`` has gathered so far.
    private struct Pending {
        var fields: [String] = []
        var field: [UInt8] = []
        var oversized: Int?
        var nul: Int?
        var quoted = false
        var fieldStart = true
    }

    private func readRecord() throws(InputError) -> Record? {
        if position >= buffer.count { try fill() }
        guard position < buffer.count else { return nil }
        rowCounter += 1
        var record = Pending()
        record.fields.reserveCapacity(fieldsHint)
        swap(&record.field, &spareField)
        defer {
            record.field.removeAll(keepingCapacity: true)
            swap(&record.field, &spareField)
        }
        while position < buffer.count {
            if scan(&record) { break }
            try fill()  // the buffer ended inside the record, or before a byte that decides
        }
        let unclosed = record.quoted ? record.fields.count : nil
        record.fields.append(decode(record.field))
        fieldsHint = min(record.fields.count, 4096)
        return Record(
            fields: record.fields, row: rowCounter, oversizedField: record.oversized, nulField: record.nul,
            unclosedQuoteField: unclosed)
    }

    /// Reads the buffer from ``position`` on into `record`; true when the record ended, false when
    /// more of the file is needed (the byte at ``position`` then is not consumed yet). Runs of
    /// ordinary bytes are copied whole (the hot loop of a large ingest).
    private func scan(_ record: inout Pending) -> Bool {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let delimiter = self.delimiter
        let atEnd = self.atEnd
        var i = position
        defer { position = i }
        return buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            while i < count {
                if record.quoted {
                    let run = i
                    while i < count && bytes[i] != quote { i += 1 }
                    append(bytes, run..<i, to: &record)
                    guard i < count else { return false }
                    if i + 1 == count && !atEnd { return false }  // is it a doubled quote?
                    if i + 1 < count && bytes[i + 1] == quote {
                        append(bytes, i..<i + 1, to: &record)
                        i += 2
                    } else {
                        record.quoted = false
                        i += 1
                    }
                    continue
                }
                let b = bytes[i]
                if b == quote && record.fieldStart {
                    record.quoted = true
                    record.fieldStart = false
                    i += 1
                    continue
                }
                record.fieldStart = false
                if b == delimiter {
                    record.fields.append(decode(record.field))
                    record.field.removeAll(keepingCapacity: true)
                    record.fieldStart = true
                    i += 1
                } else if b == lf {
                    i += 1
                    return true
                } else if b == cr {
                    if i + 1 == count && !atEnd { return false }  // CRLF cut by the buffer's end
                    i += 1
                    if i < count && bytes[i] == lf { i += 1 }
                    return true
                } else {
                    let run = i
                    i += 1
                    while i < count {
                        let c = bytes[i]
                        if c == delimiter || c == lf || c == cr || c == quote { break }
                        i += 1
                    }
                    append(bytes, run..<i, to: &record)
                }
            }
            return atEnd  // the end of the file ends the record
        }
    }

    /// Adds bytes to the current field: a NUL is noted, a field is cut at ``maximumFieldBytes``.
    private func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to record: inout Pending) {
        guard !range.isEmpty else { return }
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if record.nul == nil && slice.contains(0) { record.nul = record.fields.count }
        let room = Self.maximumFieldBytes - record.field.count
        if slice.count <= room {
            record.field.append(contentsOf: slice)
        } else {
            record.field.append(contentsOf: slice.prefix(max(room, 0)))
            if record.oversized == nil { record.oversized = record.fields.count }
        }
    }

    private func decode(_ field: [UInt8]) -> String {
        // A cell CSVText neutralised: '=… reads back as =…, ''=… as '=…
        let bytes = CSVText.hidesFormula(field) ? Array(field.dropFirst()) : field
        // ASCII (most cells) is valid UTF-8 and Windows-1252 alike: no validation needed.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if !windows1252, let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(bytes.map { Self.cp1252[Int($0)] })
    }

    private func sniffDelimiter() -> UInt8 {
        // The first line that is not a comment.
        var start = position
        while start < buffer.count && buffer[start] == UInt8(ascii: "#") {
            let lineEnd = buffer[start...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            guard let end = lineEnd else { break }
            start = end + 1
            if buffer[end] == UInt8(ascii: "\r"), start < buffer.count, buffer[start] == UInt8(ascii: "\n") {
                start += 1
            }
        }
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for b in buffer[start...] {
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
                if counts[b] != nil { counts[b]! += 1 }
            }
        }
        return [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")].max { counts[$0]! < counts[$1]! }!
    }

    /// A zip (xlsx, ods), PDF, PNG, gzip or old Office file, or text with NUL bytes in its first
    /// line or many of them: not a CSV. A stray NUL further on is a problem of its record.
    package static func looksBinary(_ sample: ArraySlice<UInt8>) -> Bool {
        let magic: [[UInt8]] = [
            [0x50, 0x4B, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46], [0x89, 0x50, 0x4E, 0x47],
            [0x1F, 0x8B], [0xD0, 0xCF, 0x11, 0xE0]
        ]
        if magic.contains(where: { sample.starts(with: $0) }) { return true }
        if sample.prefix(while: { $0 != UInt8(ascii: "\n") }).contains(0) { return true }
        return sample.lazy.filter { $0 == 0 }.count > 8
    }

    /// True when the only invalid UTF-8 is a sequence cut by the sample's end.
    package static func endsInsideUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        for cut in 1...3 where bytes.count > cut {
            if String(validating: Array(bytes.dropLast(cut)), as: UTF8.self) != nil { return true }
        }
        return false
    }

    /// Windows-1252 → Unicode (0x80–0x9F differ from Latin-1).
    package static let cp1252: [Character] = (0..<256).map { i in
        let special: [Int: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178
        ]
        return Character(UnicodeScalar(special[i] ?? UInt32(i))!)
    }
}
