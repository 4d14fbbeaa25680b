import PostgresNIO
import TerritorioCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: one line per row, a tab between
/// columns, `\N` for NULL, backslash escapes for the backslash, tab, newline and carriage return
/// inside a value. One COPY of many rows costs the server one statement, not one per row.
struct PostGISCopyRows {
    private(set) var data = ByteBuffer()
    /// Rows ended so far.
    private(set) var count = 0
    private var atLineStart = true

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\")
    private static let hex = Array("0123456789abcdef".utf8)

    var isEmpty: Bool { count == 0 }

    /// A text value, or NULL.
    mutating func text(_ value: String?) {
        separate()
        guard var value else {
            data.writeStaticString("\\N")
            return
        }
        value.withUTF8 { bytes in
            if !bytes.contains(where: Self.needsEscape) {
                data.writeBytes(bytes)
                return
            }
            for byte in bytes { write(escaping: byte) }
        }
    }

    /// An integer value, or NULL.
    mutating func integer<I: BinaryInteger>(_ value: I?) { text(value.map { String($0) }) }

    /// A point as hexadecimal EWKB with SRID 4326 (exactly its two doubles), or NULL.
    mutating func point(_ value: Coordinate?) {
        guard let value else { return text(nil) }
        separate()
        // Little-endian, type Point with the SRID flag (0x20000001), SRID 4326 (0x10E6).
        var bytes: [UInt8] = [0x01, 0x01, 0x00, 0x00, 0x20, 0xE6, 0x10, 0x00, 0x00]
        for double in [value.x, value.y] {
            withUnsafeBytes(of: double.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        for byte in bytes {
            data.writeInteger(Self.hex[Int(byte >> 4)])
            data.writeInteger(Self.hex[Int(byte & 0x0F)])
        }
    }

    /// Ends the current row.
    mutating func endRow() {
        data.writeInteger(Self.newline)
        count += 1
        atLineStart = true
    }

    private mutating func separate() {
        if !atLineStart { data.writeInteger(Self.tab) }
        atLineStart = false
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == backslash || byte == tab || byte == newline || byte == UInt8(ascii: "\r")
    }

    private mutating func write(escaping byte: UInt8) {
        switch byte {
        case Self.backslash: data.writeStaticString("\\\\")
        case Self.tab: data.writeStaticString("\\t")
        case Self.newline: data.writeStaticString("\\n")
        case UInt8(ascii: "\r"): data.writeStaticString("\\r")
        default: data.writeInteger(byte)
        }
    }
}
