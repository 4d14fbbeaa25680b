import CSV
import Foundation

/// A CSV file read whole, as spreadsheets save it: UTF-8 (with or without BOM) or
/// Windows-1252, comma, semicolon or tab separated (detected from the header line).
///
/// Row numbers are the ones a spreadsheet shows: the header is row 1, the first record row 2.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let records: [[String]]
    public let delimiter: Character
    public let encoding: String

    /// Reads `path`. A missing, empty or undecodable file is an ``InputError`` naming it.
    public static func read(path: String) throws(InputError) -> CSVTable {
        try parse(data: try InputFile.contents(path), file: path)
    }

    public static func parse(data: Data, file: String) throws(InputError) -> CSVTable {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let cause = InputFile.notText(bytes) { throw InputError(file: file, cause) }
        let text: String
        let encoding: String
        if let utf8 = String(data: bytes, encoding: .utf8) {
            text = utf8; encoding = "UTF-8"
        } else if let cp1252 = String(data: bytes, encoding: .windowsCP1252) {
            text = cp1252; encoding = "Windows-1252"
        } else {
            throw InputError(file: file, Messages.text("text.not_text"))
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: file, Messages.text("file.empty"))
        }
        let delimiter = sniffDelimiter(text)
        var rows: [[String]] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                       delimiter: delimiter.unicodeScalars.first!)
            while let row = reader.next() { rows.append(row) }
            if let error = reader.error { throw error }
        } catch {
            throw InputError(file: file, Messages.text("csv.unreadable", ("reason", "\(error)")))
        }
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        // Blank lines (often left at the end by spreadsheets) are not records.
        let records = rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        return CSVTable(file: file, header: header, records: records, delimiter: delimiter, encoding: encoding)
    }

    /// The delimiter that splits the first line into the most fields, outside quotes.
    static func sniffDelimiter(_ text: String) -> Character {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for ch in firstLine {
            if ch == "\"" { quoted.toggle() } else if !quoted, counts[ch] != nil { counts[ch]! += 1 }
        }
        return [";", "\t", ","].max { counts[$0]! < counts[$1]! }!
    }

    /// The index of the column called `name` (case- and space-insensitive).
    public func column(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return header.firstIndex { $0.lowercased() == wanted }
    }

    /// The index of column `name`, or an error that lists the columns the file has.
    public func requireColumn(_ name: String, option: String) throws(InputError) -> Int {
        guard let i = column(name) else {
            let columns = header.map { Echo.value($0) }.joined(separator: ", ")
            throw InputError(file: file, Messages.text("csv.no_column", ("column", Echo.value(name)), ("columns", columns),
                                                       ("option", option)))
        }
        return i
    }

    /// The spreadsheet row number of record `index`.
    public static func rowNumber(ofRecord index: Int) -> Int { index + 2 }

    /// Field `column` of `record`, trimmed; empty when the row is short.
    public static func field(_ record: [String], _ column: Int) -> String {
        column < record.count ? record[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
}
