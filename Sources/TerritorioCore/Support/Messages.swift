import Foundation

/// The messages people read, in their language: Italian when the locale (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`) is Italian (`it_IT.UTF-8`…), French or Arabic likewise, otherwise
/// English; a command's `--lang` overrides it. Texts come from the ``Catalogue``.
public enum Messages {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var chosen: String?

    /// The language of messages: it, en, fr or ar.
    public static var language: String {
        lock.lock()
        defer { lock.unlock() }
        return chosen ?? environmentLanguage
    }

    /// Makes `language` the language of messages from now on (nil: back to the locale's).
    public static func use(_ language: String?) {
        lock.lock()
        defer { lock.unlock() }
        chosen = language.flatMap { Catalogue.languages.contains($0) ? $0 : nil }
    }

    package static let environmentLanguage = language(environment: ProcessInfo.processInfo.environment)

    /// The language of the POSIX locale in `environment` (the first of LC_ALL, LC_MESSAGES,
    /// LANG that is set); English unless it is Italian, French or Arabic.
    public static func language(environment: [String: String]) -> String {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let code = String(locale.lowercased().prefix { $0.isLetter })
        return ["it", "fr", "ar"].contains(code) ? code : "en"
    }

    /// The message `key` in the current language, with its placeholders filled.
    public static func text(_ key: String, _ values: (String, Any)...) -> String {
        text(key, arguments: values)
    }

    /// The message `key` in the current language, with its placeholders filled from `arguments`.
    public static func text(_ key: String, arguments: [(String, Any)]) -> String {
        Catalogue.shared.text(key, language: language, arguments.map { ($0.0, describe($0.1)) })
    }

    /// Numbers with the language's grouping (3,412 / 3.412), anything else as it prints.
    package static func describe(_ value: Any) -> String {
        guard let n = value as? Int else { return "\(value)" }
        guard abs(n) >= 1_000 else { return String(n) }
        let separator = language == "en" ? "," : language == "fr" ? "\u{202F}" : language == "ar" ? "," : "."
        let digits = String(abs(n))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (n < 0 ? "-" : "") + groups.joined(separator: separator)
    }
}
