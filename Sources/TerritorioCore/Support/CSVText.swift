import Foundation

/// Builds CSV text (RFC 4180: comma separator unless told otherwise, fields quoted only when they
/// contain the separator, a quote or a line break, quotes doubled, `\n` line ends). The one CSV
/// writer: every CSV territorio writes (exports, reports, rejected rows) goes through it.
///
/// Cells are neutralised against formula injection as OWASP recommends: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return that is not a plain number (`-3.5` stays a
/// number) gets a leading `'`, so a spreadsheet shows it as text instead of running it.
/// ``CSVStream`` reads `'=…` back as `=…`, so exported files import again unchanged.
///
/// Written by hand rather than with a CSV library's writer, which went through an
/// `OutputStream` one Unicode scalar at a time: for the national gap report (7,899 rows × 150
/// columns) that was half of the command's time.
public enum CSVText {
    /// First bytes that make a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
    public static let formulaTriggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    public static func make(header: [String], rows: [[String]], delimiter: UInt8 = 44) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * max(header.count, 1) * 8)
        append(header, to: &out, delimiter: delimiter)
        for row in rows { append(row, to: &out, delimiter: delimiter) }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``append(_:to:delimiter:)`` into UTF-8 bytes (a national report: no `String` appends).
    static func append(_ fields: [String], to out: inout [UInt8], delimiter: UInt8 = 44) {
        let separator = Array(String(UnicodeScalar(delimiter)).utf8)
        for (i, raw) in fields.enumerated() {
            if i > 0 { out.append(contentsOf: separator) }
            var field = neutralised(raw)
            field.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }) else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(34)
                for b in bytes {
                    if b == 34 { out.append(34) }
                    out.append(b)
                }
                out.append(34)
            }
        }
        out.append(10)
    }

    package static func append(_ fields: [String], to out: inout String, delimiter: UInt8 = 44) {
        let separator = String(UnicodeScalar(delimiter))
        for (i, raw) in fields.enumerated() {
            if i > 0 { out += separator }
            let field = neutralised(raw)
            if field.utf8.contains(where: { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }) {
                out += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                out += field
            }
        }
        out += "\n"
    }

    /// `field`, prefixed with `'` when a spreadsheet would take it for a formula.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        if first == apostrophe {
            // `'=…` of its own: one more `'`, as the reader takes one off (see ``hidesFormula(_:)``).
            return hidesFormula(field.utf8) ? "'" + field : field
        }
        guard formulaTriggers.contains(first), !isPlainNumber(field) else { return field }
        return "'" + field
    }

    package static let apostrophe = UInt8(ascii: "'")

    /// Whether a cell is apostrophes then a formula trigger (`'=…`, `''+…`): what ``neutralised(_:)``
    /// writes, and what ``CSVStream`` reads back without its first apostrophe.
    public static func hidesFormula(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.first == apostrophe, let next = bytes.first(where: { $0 != apostrophe }) else { return false }
        return formulaTriggers.contains(next)
    }

    /// A decimal number as numeric columns hold it: optional sign, digits, optional fraction and
    /// exponent (`-3.5`, `+12`, `-1e-05`).
    package static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8
        func digits() -> Int {
            let n = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
        var count = digits()
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            count += digits()
        }
        guard count > 0 else { return false }
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
