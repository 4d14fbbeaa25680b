/// Values from data files, made safe to show in a message: control characters (terminal
/// escape sequences, bidirectional overrides) are removed and long values are cut, so a
/// hostile or broken cell can neither drive the terminal nor flood it.
public enum Echo {
    /// Longest value shown, in characters, before "…".
    public static let maximumLength = 60

    /// `value` without control characters, cut after ``maximumLength`` characters.
    public static func value(_ value: some StringProtocol, limit: Int = maximumLength) -> String {
        let clean = stripped(value, keepNewlines: false)
        return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
    }

    /// `text` without control characters (C0 but tab and, if asked, newline; DEL; C1;
    /// bidirectional embeddings, overrides and isolates).
    public static func stripped(_ text: some StringProtocol, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\n" && keepNewlines {
                out.append(s)
                continue
            }
            if s == "\t" || s == "\n" || s == "\r" {
                out.append(" ")
                continue
            }
            if isControl(s) { continue }
            out.append(s)
        }
        return String(out)
    }

    package static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// At most `limit` of `lines`, then "… and N more like this" when some were left out.
    public static func capped(_ lines: [String], limit: Int) -> [String] {
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + [Messages.text("more_like_this", ("count", lines.count - limit))]
    }
}
