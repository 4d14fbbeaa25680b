/// ISTAT municipality codes: six digits, as text ("006114" is Novi Ligure; the first three
/// digits are the province).
public enum IstatCode {
    /// `text` when it is exactly six digits.
    public static func parse(_ text: String) -> String? {
        text.count == 6 && text.allSatisfy(\.isASCIIDigit) ? text : nil
    }

    /// Like ``parse(_:)``, but also accepts 1–5 digits and pads them with leading zeros, as
    /// codes become after a spreadsheet turned them into numbers (6114 → 006114).
    /// Returns the code and whether it was padded.
    public static func parseLenient(_ text: String) -> (code: String, padded: Bool)? {
        guard !text.isEmpty, text.count <= 6, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return text.count == 6 ? (text, false) : (String(repeating: "0", count: 6 - text.count) + text, true)
    }

    public static func province(of code: String) -> String { String(code.prefix(3)) }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
