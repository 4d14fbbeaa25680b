/// A check run before the TOML parser: a table header whose name does not start with a key
/// character (`[<x]`, `[` then a line break) trips an assertion inside toml++ 3.4 (TOMLKit's
/// parser) that aborts the process in debug builds and is undefined behaviour in release
/// builds; found by fuzzing (`make fuzz`, target `config`). Such a header is reported here instead.
/// Cautious: a line starting with `[` inside a multi-line string is checked as a header too.
package enum TOMLHeaderCheck {
    /// The 1-based line and column of the first table header with a bad name start, if any.
    package static func firstBadHeader(in text: String) -> (line: Int, column: Int)? {
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
    package static func badName(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") { i += 1 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else { return i }
        let c = bytes[i]
        let startsKey =
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == 0x22 || c == 0x27 || c == UInt8(ascii: "]")
        return startsKey ? nil : i
    }

    /// Opening minus closing brackets and braces outside strings and comments.
    package static func bracketDelta(_ bytes: [UInt8]) -> Int {
        var delta = 0
        var quote: UInt8?
        var escaped = false
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

    /// The 1-based line and column of a `}` where an array is open (`[}`): it trips another
    /// toml++ assertion (a value expected, a terminator found). Mismatched brackets are never
    /// valid TOML, so refusing them first refuses nothing valid.
    package static func firstBraceInArray(in text: String) -> (line: Int, column: Int)? {
        let b = Array(text.utf8)
        var stack: [UInt8] = []
        var line = 1
        var lineStart = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                lineStart = i + 1
            case UInt8(ascii: "#"): while i + 1 < b.count && b[i + 1] != 0x0A { i += 1 }
            case 0x22, 0x27:
                i = endOfString(b, at: i, line: &line, lineStart: &lineStart)
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): stack.append(c)
            case UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: "}"):
                if stack.last == UInt8(ascii: "[") { return (line, i - lineStart + 1) }
                _ = stack.popLast()
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The index after the string starting at `start` (basic or literal, single- or multi-line).
    package static func endOfString(_ b: [UInt8], at start: Int, line: inout Int, lineStart: inout Int) -> Int {
        let quote = b[start]
        let triple = start + 2 < b.count && b[start + 1] == quote && b[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < b.count {
            if b[i] == 0x5C && quote == 0x22 {
                i += 2
                continue
            }
            if b[i] == 0x0A {
                if !triple { return i }  // an unclosed one-line string: the parser reports it
                line += 1
                lineStart = i + 1
            }
            if b[i] == quote && (!triple || (i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote)) {
                return i + (triple ? 3 : 1)
            }
            i += 1
        }
        return i
    }
}
