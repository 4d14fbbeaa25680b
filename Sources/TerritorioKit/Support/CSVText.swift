import Foundation

/// Builds CSV text (RFC 4180: comma separator unless told otherwise, fields quoted only when they
/// contain the separator, a quote or a line break, quotes doubled, `\n` line ends).
///
/// Written by hand rather than with CSV.swift's writer, which goes through an `OutputStream`
/// one Unicode scalar at a time: for the national gap report (7,899 rows × 150 columns) that
/// was half of the command's time.
public enum CSVText {
    public static func make(header: [String], rows: [[String]], delimiter: UInt8 = 44) throws -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * max(header.count, 1) * 8)
        append(header, to: &out, delimiter: delimiter)
        for row in rows { append(row, to: &out, delimiter: delimiter) }
        return out
    }

    static func append(_ fields: [String], to out: inout String, delimiter: UInt8 = 44) {
        let separator = String(UnicodeScalar(delimiter))
        for (i, field) in fields.enumerated() {
            if i > 0 { out += separator }
            if field.utf8.contains(where: { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }) {
                out += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                out += field
            }
        }
        out += "\n"
    }
}
