import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("The message catalogue")
struct MessagesTests {
    static let catalogue = Fixture.root.appendingPathComponent("Locales/messages.csv").path

    /// The placeholders of a text: {file}, {count}…
    static func placeholders(_ text: String) -> Set<String> {
        var out: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    @Test("every message has Italian and English, and each language uses the placeholders of the English text")
    func complete() throws {
        let catalogue = try Catalogue.read(path: Self.catalogue)
        #expect(catalogue.texts.count > 80)
        for (key, texts) in catalogue.texts where !key.hasPrefix("alias.") {
            let english = try #require(texts["en"], "\(key) has no English")
            #expect(texts["it"] != nil, "\(key) has no Italian")
            for (language, text) in texts {
                #expect(Self.placeholders(text) == Self.placeholders(english), "\(key) [\(language)]: \(text)")
            }
        }
    }

    @Test("every key the sources use is in the catalogue")
    func keysExist() throws {
        let catalogue = try Catalogue.read(path: Self.catalogue)
        // The tool's text(…) and the library's Messages.text(…).
        let library = #"Messages\.text\("([a-z_.]+)""#
        let layers = ["Core", "Geometry", "IO", "StoreAPI", "Store", "Render", "Kit"]
        let patterns =
            [("Sources/territorio", #"(?<![.\w])text\("([a-z_.]+)""#)]
            + layers.map { ("Sources/Territorio\($0)", library) }
        var used: Set<String> = []
        for (folder, regex) in patterns {
            let pattern = try NSRegularExpression(pattern: regex)
            let url = Fixture.root.appendingPathComponent(folder)
            for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)!
            where file.pathExtension == "swift" {
                let source = try String(contentsOf: file, encoding: .utf8)
                for m in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                    used.insert(String(source[Range(m.range(at: 1), in: source)!]))
                }
            }
        }
        #expect(used.count > 60)
        #expect(
            used.subtracting(catalogue.texts.keys).isEmpty,
            "missing: \(used.subtracting(catalogue.texts.keys).sorted())")
    }

    @Test(
        "the language comes from LC_ALL, LC_MESSAGES or LANG: it_* is Italian, anything else not it/fr/ar is English",
        arguments: [
            ([:], "en"), (["LANG": "it_IT.UTF-8"], "it"), (["LANG": "de_DE.UTF-8"], "en"), (["LANG": "C"], "en"),
            (["LANG": "en_GB.UTF-8", "LC_MESSAGES": "it_IT"], "it"), (["LC_ALL": "fr_FR.UTF-8", "LANG": "it_IT"], "fr"),
            (["LC_ALL": "", "LANG": "it_CH.UTF-8"], "it")
        ] as [([String: String], String)])
    func language(environment: [String: String], expected: String) {
        #expect(Messages.language(environment: environment) == expected)
    }

    @Test("placeholders are filled, and a missing language falls back to English")
    func fill() {
        let catalogue = Catalogue(texts: ["x": ["it": "{n} righe in {file}", "en": "{n} rows in {file}"]])
        #expect(catalogue.text("x", language: "it", [("n", "3"), ("file", "a.csv")]) == "3 righe in a.csv")
        #expect(catalogue.text("x", language: "ar", [("n", "3"), ("file", "a.csv")]) == "3 rows in a.csv")
    }

    @Test(
        "a category is found by its code, its label in any language, or a word of the catalogue (cibo)",
        arguments: [
            "food", "FOOD", "cibo", "Cibo", "Aiuti alimentari e pasti", "aiuti alimentari e pasti",
            "Food aid and meals", "nourriture"
        ])
    func categoryNames(name: String) throws {
        let categories = try CategoryFile.read(path: Fixture.geoData + "/categories.csv")
        #expect(Category.named(name, in: categories)?.code == "food")
        #expect(Category.named("xyzzy", in: categories) == nil)
    }

    @Test("values from data lose their control characters and are cut after 60 characters")
    func echo() {
        #expect(Echo.value("\u{1B}[31mred\u{1B}[0m\u{7}") == "[31mred[0m")
        #expect(Echo.value("a\u{202E}b\u{9B}c") == "abc")
        let long = Echo.value(String(repeating: "x", count: 500))
        #expect(long.count == 61 && long.hasSuffix("…"))
        #expect(Echo.capped((1...5000).map(String.init), limit: 3).last == "… and 4,997 more like this")
    }
}
