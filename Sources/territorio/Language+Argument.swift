import ArgumentParser
import TerritorioKit

extension Language: ExpressibleByArgument {}

/// `--lang` of the commands that write one document per language: one language, or all four.
enum LanguageChoice: String, ExpressibleByArgument, CaseIterable {
    case it, en, fr, ar, all

    /// The languages chosen.
    var languages: [Language] { Language(rawValue: rawValue).map { [$0] } ?? Language.allCases }
}
