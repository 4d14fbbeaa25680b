import Foundation
import TerritorioData
import TerritorioKit

/// The web app's interface strings, from `Locales/web.csv` (`key,it,en,fr,ar`), which the
/// working group edits; compiled into the binary. A key missing in a language falls back to
/// English, then to the key itself.
public struct WebStrings: Sendable {
    /// The languages the app speaks, the first being the default.
    public static let languages = ["it", "en", "fr", "ar"]
    let table: [String: [String: String]]

    /// The embedded catalogue (read through a temporary copy: one CSV reader for everything).
    public static let embedded: WebStrings = {
        guard let data = EmbeddedData.file("Locales/web.csv") else { return WebStrings(table: [:]) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-web-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        guard (try? data.write(to: url)) != nil else { return WebStrings(table: [:]) }
        return (try? WebStrings(path: url.path)) ?? WebStrings(table: [:])
    }()

    init(table: [String: [String: String]]) { self.table = table }

    /// Reads a catalogue file (`key,it,en,fr,ar`).
    public init(path: String) throws {
        let file = try CSVStream.table(path: path)
        var table: [String: [String: String]] = [:]
        for record in file.records {
            let key = CSVStream.Table.field(record, 0)
            for (i, language) in file.header.enumerated().dropFirst() {
                table[language, default: [:]][key] = CSVStream.Table.field(record, i)
            }
        }
        self.init(table: table)
    }

    /// Every string of `language`, keyed, for a template.
    public func strings(_ language: String) -> [String: String] {
        var out = table["en"] ?? [:]
        for (k, v) in table[language] ?? [:] where !v.isEmpty { out[k] = v }
        return out
    }

    /// One string.
    public func text(_ key: String, _ language: String) -> String { strings(language)[key] ?? key }

    /// The keys of the catalogue (every language should have each).
    public var keys: Set<String> { Set(table.values.flatMap(\.keys)) }

    /// The language for a request: `?lang=`, else the `lang` cookie, else the first of
    /// Accept-Language that the app speaks, else Italian.
    public static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> String {
        for candidate in [query, cookie] {
            if let c = candidate, languages.contains(c) { return c }
        }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let primary = String(tag.prefix { $0 != "-" && $0 != "_" })
            if languages.contains(primary) { return primary }
        }
        return languages[0]
    }
}
