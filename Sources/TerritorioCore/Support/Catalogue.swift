import Foundation
import TerritorioData

/// The message catalogue: `Locales/messages.csv` (`key,it,en,fr,ar`), one row per message, so
/// that the working group can edit every text in a spreadsheet. Texts hold named placeholders,
/// `{file}`, `{count}`…; a text missing in a language falls back to English. Texts are trimmed:
/// indentation belongs to the code that lays messages out.
///
/// Rows whose key starts with `alias.` are not messages but extra words accepted for a choice,
/// e.g. `alias.category.food` = "cibo; alimenti" (separated by `;`, in each language).
public struct Catalogue: Sendable {
    /// Text per key, then per language.
    public let texts: [String: [String: String]]

    public static let languages = Language.codes

    public init(texts: [String: [String: String]]) { self.texts = texts }

    /// The catalogue the tool uses, loaded once. Missing or unreadable, it is empty and messages
    /// show their keys (see ``text(_:language:_:)``).
    public static let shared: Catalogue = (try? load()) ?? Catalogue(texts: [:])

    /// Loads the catalogue: the ONE place that finds `messages.csv`: `explicit`, else
    /// `$TERRITORIO_LOCALES/messages.csv` (a folder the working group edits), else the copy
    /// compiled into the binary.
    public static func load(explicit: String? = nil) throws(InputError) -> Catalogue {
        if let path = explicit
            ?? ProcessInfo.processInfo.environment["TERRITORIO_LOCALES"].map({ $0 + "/messages.csv" })
        {
            return try read(path: path)
        }
        guard let data = EmbeddedData.file("Locales/messages.csv") else {
            throw InputError(file: "Locales/messages.csv", kind: .unreadable, "the binary carries no message catalogue")
        }
        // The reader takes a path: a private copy for the time of reading.
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("territorio-messages-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: copy) }
        do { try data.write(to: copy) } catch {
            throw InputError(file: copy.path, kind: .unreadable, "cannot write a temporary copy of the catalogue")
        }
        return try read(path: copy.path)
    }

    /// Reads a catalogue file.
    public static func read(path: String) throws(InputError) -> Catalogue {
        let table = try CSVStream.table(path: path)
        let key = try table.requireColumn("key", option: "the header")
        let columns = languages.compactMap { l in table.column(l).map { (l, $0) } }
        var texts: [String: [String: String]] = [:]
        for record in table.records {
            let k = CSVStream.Table.field(record, key)
            guard !k.isEmpty, !k.hasPrefix("#") else { continue }
            var entry: [String: String] = [:]
            for (language, c) in columns where !CSVStream.Table.field(record, c).isEmpty {
                entry[language] = CSVStream.Table.field(record, c)
            }
            texts[k] = entry
        }
        return Catalogue(texts: texts)
    }

    /// The text of `key` in `language` (else English), placeholders filled from `values`.
    public func text(_ key: String, language: String, _ values: [(String, String)] = []) -> String {
        guard let entry = texts[key], let template = entry[language] ?? entry["en"] else {
            return values.isEmpty ? key : key + " (" + values.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")"
        }
        return Self.fill(template, values)
    }

    /// `template` with each `{name}` replaced by its value, in one pass: a value that itself
    /// holds `{other}` (a user's text) is left as it is, never filled in turn.
    static func fill(_ template: String, _ values: [(String, String)]) -> String {
        guard !values.isEmpty else { return template }
        let table = Dictionary(values, uniquingKeysWith: { first, _ in first })
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = table[String(rest[rest.index(after: open)..<close])]
            else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Extra words accepted for `value` of choice list `list`, in every language.
    public func aliases(list: String, value: String) -> [String] {
        (texts["alias.\(list).\(value)"] ?? [:]).values.flatMap { $0.split(separator: ";") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
