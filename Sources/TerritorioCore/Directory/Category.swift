/// One category of the shared need/service taxonomy: a stable code and its labels and
/// one-line descriptions in Italian, English, French and Arabic.
public struct Category: Hashable, Sendable, Codable {
    public var code: String
    public var labels: [String: String]
    public var descriptions: [String: String]

    /// Every stored property, as given (backends in other modules build this value too).
    public init(code: String, labels: [String: String], descriptions: [String: String]) {
        self.code = code
        self.labels = labels
        self.descriptions = descriptions
    }

    /// The languages of the taxonomy, posters and survey forms.
    public static let languages = Language.codes

    public func label(_ language: String) -> String { labels[language] ?? labels["en"] ?? code }

    /// The category `text` names: its code, its label in any language, or a word the catalogue
    /// accepts for it (`alias.category.<code>`, e.g. "cibo" for food); case and accents do not matter.
    public static func named(_ text: String, in categories: [Category]) -> Category? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let c = categories.first(where: { $0.code == lower }) { return c }
        let key = TextMatching.normalized(text)
        guard !key.isEmpty else { return nil }
        return categories.first { c in
            (Array(c.labels.values) + Catalogue.shared.aliases(list: "category", value: c.code))
                .contains { TextMatching.normalized($0) == key }
        }
    }

    /// "food (Aiuti alimentari e pasti), clothing (…)": codes with their labels in `language`.
    public static func listing(_ categories: [Category], language: String) -> String {
        categories.map { "\($0.code) (\($0.label(language)))" }.joined(separator: ", ")
    }

    /// What is wrong with `code` as a category code (lowercase letters, digits and _), or nil.
    public static func codeProblem(_ code: String) -> String? {
        guard code.isEmpty || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        return "expected a code of lowercase letters, digits and _, such as night_shelter; found \"\(code)\""
    }

    /// The label columns (`label_it`, …) that `category` leaves empty, in the taxonomy's language order.
    public static func emptyLabels(_ category: Category) -> [String] {
        languages.filter { (category.labels[$0] ?? "").isEmpty }.map { "label_\($0)" }
    }

    public static let emptyLabelMessage = "the label is empty"

    /// The error for a taxonomy that drops `codes` while services still use them.
    public static func stillUsed(_ codes: Set<String>, source: String) -> InputError {
        InputError(
            file: source, kind: .invalid,
            "the categories \(codes.sorted().joined(separator: ", ")) are used by services "
                + "and cannot be removed")
    }
}

/// Reads the taxonomy from a CSV file such as `GeoData/categories.csv`
/// (`code,label_it,label_en,label_fr,label_ar,description_it,…`).
public enum CategoryFile {
    public static func read(path: String) throws(InputError) -> [Category] {
        let table = try CSVStream.table(path: path)
        let code = try table.requireColumn("code", option: "the header")
        var columns: [String: (label: Int, description: Int)] = [:]
        for language in Category.languages {
            columns[language] = (
                try table.requireColumn("label_\(language)", option: "the header"),
                try table.requireColumn("description_\(language)", option: "the header")
            )
        }
        var problems: [InputProblem] = []
        var categories: [Category] = []
        var seen: Set<String> = []
        for (i, record) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            let c = CSVStream.Table.field(record, code)
            if let problem = Category.codeProblem(c) {
                problems.append(InputProblem(.row(row), field: "code", problem))
                continue
            }
            guard seen.insert(c).inserted else {
                problems.append(InputProblem(.row(row), field: "code", "the code \(c) appears twice"))
                continue
            }
            var category = Category(code: c, labels: [:], descriptions: [:])
            for language in Category.languages {
                let (l, d) = columns[language]!
                category.labels[language] = CSVStream.Table.field(record, l)
                category.descriptions[language] = CSVStream.Table.field(record, d)
            }
            for field in Category.emptyLabels(category) {
                problems.append(InputProblem(.row(row), field: field, Category.emptyLabelMessage))
            }
            categories.append(category)
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return categories
    }
}
