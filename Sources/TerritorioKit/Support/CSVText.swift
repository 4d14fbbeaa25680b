import CSV
import Foundation

/// Builds CSV text (RFC 4180: comma, quotes where needed, CRLF-free `\n` lines) with CSV.swift.
public enum CSVText {
    public static func make(header: [String], rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
