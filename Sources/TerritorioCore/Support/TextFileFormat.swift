import Foundation

/// How a delimited text file was written: its delimiter, its encoding and whether it starts
/// with a UTF-8 byte-order mark. Files territorio writes back for people to correct (the
/// rejected rows) keep the format of the file they came from, so that Excel opens them as it
/// opened the original.
public struct TextFileFormat: Sendable, Equatable {
    public var delimiter: UInt8
    /// True for Windows-1252 (what Excel in Italian saves as "CSV"), false for UTF-8.
    public var windows1252: Bool
    public var byteOrderMark: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), windows1252: Bool = false, byteOrderMark: Bool = false) {
        self.delimiter = delimiter
        self.windows1252 = windows1252
        self.byteOrderMark = byteOrderMark
    }

    /// The name of the encoding, as messages show it.
    public var encodingName: String { windows1252 ? "Windows-1252" : "UTF-8" }

    /// `text` in this format's encoding. Text that Windows-1252 cannot hold (Arabic, for one)
    /// is written as UTF-8 with a byte-order mark instead, which Excel also opens; `fellBack`
    /// then says so.
    public func encode(_ text: String) -> (data: Data, fellBack: Bool) {
        if windows1252 {
            if let data = text.data(using: .windowsCP1252) { return (data, false) }
            return (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), true)
        }
        return ((byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8), false)
    }
}
