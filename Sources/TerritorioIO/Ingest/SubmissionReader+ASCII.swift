import TerritorioCore

/// Byte-level readings of the cells a Kobo or ODK export holds in every row (ASCII choice
/// values, `lat lon alt acc` points): the same result as the general `Character` readings,
/// which they leave to whenever a cell is not plain ASCII.
extension SubmissionReader {
    /// The values of a select_multiple cell when it is ASCII (no carriage return) and every
    /// token is a value or label of `list`: what ``splitChoices(_:list:form:)`` gives, split
    /// byte by byte; nil when the general reading is needed.
    func asciiChoices(_ raw: String, list: String) -> [String]? {
        guard let map = columns.lookup.choiceIndex[list] else { return nil }
        var listed = false
        for b in raw.utf8 {
            if b >= 0x80 || b == 13 { return nil }
            if b == UInt8(ascii: ";") || b == UInt8(ascii: ",") { listed = true }
        }
        var values: [String] = []
        for token in raw.utf8.split(whereSeparator: { b in
            b == 10 || (listed ? b == UInt8(ascii: ";") || b == UInt8(ascii: ",") : b == UInt8(ascii: " "))
        }) {
            let word = Self.trimmedASCII(token)
            if word.isEmpty { continue }
            guard let v = map[String(decoding: word, as: UTF8.self).lowercased()] else { return nil }
            values.append(v)
        }
        return values
    }

    /// ``trim(_:)`` of an ASCII token: white space and line breaks (tab to carriage return,
    /// space) off both ends when the token starts or ends with a space, tab or line break.
    static func trimmedASCII(_ token: Substring.UTF8View) -> Substring.UTF8View {
        func breaking(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        guard let first = token.first, let last = token.last, breaking(first) || breaking(last) else { return token }
        func white(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }
        var word = token
        while let b = word.first, white(b) { word = word.dropFirst() }
        while let b = word.last, white(b) { word = word.dropLast() }
        return word
    }

    /// The words of `text` split at spaces, as `text.split(separator: " ")` gives them; byte
    /// by byte when the text is ASCII without a carriage return (one `Character` per byte).
    static func words(_ text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) else { return text.split(separator: " ") }
        return text.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
    }

    /// The first two of ``words(_:)``, nil when there are fewer; found byte by byte when the
    /// text is ASCII without a carriage return (no array of words).
    static func firstTwoWords(_ text: String) -> (Substring, Substring)? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) else {
            let items = words(text)
            return items.count >= 2 ? (items[0], items[1]) : nil
        }
        let space = UInt8(ascii: " ")
        func word(from start: String.Index) -> Range<String.Index>? {
            guard let first = utf8[start...].firstIndex(where: { $0 != space }) else { return nil }
            return first..<(utf8[first...].firstIndex(of: space) ?? utf8.endIndex)
        }
        guard let one = word(from: utf8.startIndex), let two = word(from: one.upperBound) else { return nil }
        return (text[one], text[two])
    }

    /// ``FieldText/number(_:)`` of a word, read in place when it is a plain number.
    static func number(_ word: Substring) -> Double? {
        if !word.utf8.contains(0), let value = Double(word) { return value }
        return FieldText.number(String(word))
    }
}
