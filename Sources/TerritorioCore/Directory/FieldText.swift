import Foundation

/// The readings of a text field shared by every checker (services, sessions, rounds, costs):
/// lists, numbers with a decimal comma, e-mail addresses, dates.
public enum FieldText {
    /// Items of a list field: separated by `;`, `,`, `|` or spaces.
    public static func list(_ text: String) -> [String] {
        text.split { ";,| \t".contains($0) }.map(String.init)
    }

    /// A decimal number, with a point or (as Italian spreadsheets write) a comma.
    public static func number(_ text: String) -> Double? {
        guard !text.utf8.contains(0) else { return nil }  // Double("44.7\0 62") would read 44.7
        if let value = Double(text) { return value }
        guard text.filter({ $0 == "," }).count == 1 && !text.contains(".") else { return nil }
        return Double(text.replacingOccurrences(of: ",", with: "."))
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".")
            && !text.contains(" ")
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY` → `YYYY-MM-DD`, when it is a real date (a hot path in ingestion).
    public static func date(_ text: String) -> String? {
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        var y = 0
        var m = 0
        var d = 0
        if b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let yy = num(0..<4),
            let mm = num(5..<7), let dd = num(8..<10)
        {
            (y, m, d) = (yy, mm, dd)
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                parts[2].count == 4,
                let dd = Int(parts[0]), let mm = Int(parts[1]), let yy = Int(parts[2])
            else { return nil }
            (y, m, d) = (yy, mm, dd)
        }
        guard (1900...2200).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
