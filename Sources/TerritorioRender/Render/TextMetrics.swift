/// Estimated widths of text in the maps' sans-serif fonts (DejaVu Sans, Noto Sans), for layout
/// without a font engine: `size × (em × characters + lead)`, an upper bound for every text of
/// the maps in it/en/fr/ar measured with DejaVu Sans (short capitalised words such as "Medium"
/// and short Arabic words are the widest per character). The Python map tests use the same
/// estimate and check it against the real font.
package enum TextMetrics {
    /// Width of one character, in ems, for regular and bold text, and the constant part.
    package static let regularEm = 0.58
    package static let boldEm = 0.64
    package static let lead = 0.8
    /// Above and below the baseline, in ems (DejaVu Sans: ascent 0.93, descent 0.24).
    package static let ascent = 0.95
    package static let descent = 0.25

    /// The estimated width of `text` at `size` pixels. Characters are Unicode scalars, as in
    /// Python's `len`, so bidirectional isolates count too (a slight overestimate).
    package static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.isEmpty ? 0 : size * (Double(text.unicodeScalars.count) * (bold ? boldEm : regularEm) + lead)
    }

    /// `text` broken at spaces into lines no wider than `maxWidth` (a single word longer than
    /// that stays whole on its own line).
    package static func wrap(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && width(candidate, size: size, bold: bold) > maxWidth {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
