/// A check run before the TOML parser: a table header whose name does not start with a key
/// character (`[<x]`, `[` then a line break) trips an assertion inside toml++ 3.4 (TOMLKit's
/// parser) that aborts the process in debug builds and is undefined behaviour in release
/// builds; found by fuzzing (`make fuzz`, target `config`). Such a header is reported here instead.
/// Cautious: a line starting with `[` inside a multi-line string is checked as a header too.
enum TOMLHeaderCheck {
    /// The 1-based line and column of the first table header with a bad name start, if any.
    static func firstBadHeader(in text: String) -> (line: Int, column: Int)? {
        var depth = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.count
            if depth == 0, start < bytes.count, bytes[start] == UInt8(ascii: "[") {
                if let column = badName(bytes, from: start) { return (index + 1, column + 1) }
                continue
            }
            depth = max(0, depth + bracketDelta(bytes))
        }
        return nil
    }

    /// The index of the header's first name character when it cannot start a key.
    static func badName(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") { i += 1 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else { return i }
        let c = bytes[i]
        let startsKey = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == 0x22 || c == 0x27 || c == UInt8(ascii: "]")
        return startsKey ? nil : i
    }

    /// Opening minus closing brackets and braces outside strings and comments.
    static func bracketDelta(_ bytes: [UInt8]) -> Int {
        var delta = 0, quote: UInt8?, escaped = false
        for b in bytes {
            if let q = quote {
                if escaped {
                    escaped = false
                } else if b == 0x5C && q == 0x22 {
                    escaped = true  // a backslash escape inside a "basic" string
                } else if b == q {
                    quote = nil
                }
                continue
            }
            switch b {
            case 0x22, 0x27: quote = b
            case UInt8(ascii: "#"): return delta
            case UInt8(ascii: "["), UInt8(ascii: "{"): delta += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): delta -= 1
            default: break
            }
        }
        return delta
    }
}
