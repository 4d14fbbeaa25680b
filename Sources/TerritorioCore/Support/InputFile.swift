import Foundation

/// Opening input files and recognising bytes that are not the text expected, with messages
/// that name the real cause and where it is.
public enum InputFile {
    /// Throws (exit 66) unless `path` is a regular file that can be read.
    public static func check(_ path: String) throws(InputError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.not_found"))
        }
        if isFolder.boolValue { throw InputError(file: path, kind: .unreadable, Messages.text("file.is_folder")) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.unreadable"))
        }
    }

    /// The whole content of `path`.
    public static func contents(_ path: String) throws(InputError) -> Data {
        try check(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.unreadable"))
        }
        return data
    }

    /// Why `bytes` (the start of a file) is not UTF-8 or Windows-1252 text, or nil when it may be:
    /// a zip (.xlsx, .ods), UTF-32 or UTF-16 (with or without a byte-order mark), or a NUL byte,
    /// with its line and byte offset.
    public static func notText(_ bytes: some Collection<UInt8>) -> String? {
        let b = Array(bytes.prefix(65_536))
        if b.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return Messages.text("text.zip") }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return Messages.text("text.utf32")
        }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) { return Messages.text("text.utf16") }
        guard let nul = b.firstIndex(of: 0) else { return nil }
        // Text in UTF-16 has a NUL in about every second byte, in UTF-32 in three bytes of four.
        let head = b.prefix(512)
        let zeros = head.filter { $0 == 0 }.count
        if zeros >= 4 && zeros * 10 >= head.count * 6 { return Messages.text("text.utf32") }
        if zeros >= 4 && zeros * 10 >= head.count * 3 { return Messages.text("text.utf16") }
        let (line, column) = position(of: nul, in: b)
        return Messages.text("text.nul", ("line", line), ("column", column), ("offset", nul))
    }

    /// The 1-based line and column (in bytes) of offset `index`; CR, LF and CRLF end lines.
    public static func position(of index: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < index {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, index - lineStart + 1)
    }

    /// The first byte of `data` that is not UTF-8, with its position, or nil when it is all UTF-8.
    public static func firstInvalidUTF8(_ data: Data) -> (offset: Int, byte: UInt8, line: Int, column: Int)? {
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length =
                switch b {
                case 0..<0x80: 1
                case 0xC2..<0xE0: 2
                case 0xE0..<0xF0: 3
                case 0xF0..<0xF5: 4
                default: 0
                }
            let end = i + length
            if length == 0 || end > bytes.count || String(validating: bytes[i..<end], as: UTF8.self) == nil {
                let (line, column) = position(of: i, in: bytes)
                return (i, b, line, column)
            }
            i = end
        }
        return nil
    }
}
