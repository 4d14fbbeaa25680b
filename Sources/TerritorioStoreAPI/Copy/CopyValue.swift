import Foundation

/// One cell of a table as ``DatabaseCopy`` moves it between backends: the few types both
/// SQLite and PostgreSQL agree on. Booleans travel as 0/1 integers, geometries as WKB blobs.
public enum CopyValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// The canonical text of the value for the content digest: a type tag, then the value
    /// (doubles in their shortest exact form, blobs in base64).
    var canonical: String {
        switch self {
        case .null: "n"
        case .integer(let v): "i" + String(v)
        case .real(let v): "r" + String(v)
        case .text(let v): "t" + v
        case .blob(let v): "b" + v.base64EncodedString()
        }
    }

    /// A total order (null, integers, reals, texts by UTF-8 bytes, blobs), the same on every
    /// backend whatever its collation.
    static func precedes(_ a: CopyValue, _ b: CopyValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): x < y
        case (.real(let x), .real(let y)): x < y
        case (.text(let x), .text(let y)): x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.blob(let x), .blob(let y)): x.lexicographicallyPrecedes(y)
        default: a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .integer: 1
        case .real: 2
        case .text: 3
        case .blob: 4
        }
    }
}
