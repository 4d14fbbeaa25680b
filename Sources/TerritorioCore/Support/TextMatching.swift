import Foundation

/// Loose comparison of names typed by people: case, accents, apostrophes and punctuation
/// do not matter ("Capriata D'orba" = "capriata d’Orba" = "CAPRIATA DORBA").
public enum TextMatching {
    public static func normalized(_ text: String) -> String {
        normalizedASCII(text) ?? normalizedUnicode(text)
    }

    /// ``normalized(_:)`` of any text, through Foundation's folding.
    static func normalizedUnicode(_ text: String) -> String {
        let folded = text.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var out = ""
        var lastWasSpace = true
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if CharacterSet.whitespaces.contains(scalar) || scalar == "-" || scalar == "/" {
                if !lastWasSpace {
                    out += " "
                    lastWasSpace = true
                }
            }
            // apostrophes, dots and other punctuation vanish
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// ``normalized(_:)`` of ASCII text without Foundation (the same result: lower case letters
    /// and digits kept, runs of spaces, tabs, `-` and `/` made one space, the rest dropped); nil
    /// for other text. Called for every municipality name of a national form.
    static func normalizedASCII(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for b in text.utf8 {
            switch b {
            case 0x80...: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(b)
                lastWasSpace = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.append(b + 32)
                lastWasSpace = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                if !lastWasSpace {
                    out.append(UInt8(ascii: " "))
                    lastWasSpace = true
                }
            default: break
            }
        }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Levenshtein edit distance, for "did you mean …?" suggestions.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate most plausibly meant by `text`, for "did you mean …?". A candidate whose
    /// words all appear in the text comes first ("Gavi Ligure" → "Gavi", not "Novi Ligure"), the
    /// one with more such words first; otherwise the closest by edit distance, if close enough to
    /// be a typo.
    public static func closest(to text: String, among candidates: some Collection<String>) -> String? {
        let t = normalized(text)
        let typed = Set(t.split(separator: " "))
        let scored = candidates.map { candidate -> (name: String, contained: Int, distance: Int) in
            let key = normalized(candidate)
            let words = key.split(separator: " ")
            let contained = !words.isEmpty && words.allSatisfy(typed.contains) ? words.count : 0
            return (candidate, contained, distance(t, key))
        }
        let best = scored.min { a, b in
            a.contained != b.contained
                ? a.contained > b.contained
                : a.distance != b.distance ? a.distance < b.distance : a.name < b.name
        }
        guard let best, best.contained > 0 || best.distance <= max(2, t.count / 3) else { return nil }
        return best.name
    }
}
