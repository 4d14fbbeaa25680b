import ArgumentParser
import TerritorioKit

struct ImportCategoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories",
        abstract: "Load the need/service taxonomy (default: GeoData/categories.csv).",
        discussion: """
            The file has a stable code per category and labels and one-line descriptions in \
            Italian, English, French and Arabic: code,label_it,label_en,label_fr,label_ar,\
            description_it,description_en,description_fr,description_ar. Labels are updated in \
            place; a category still used by a service cannot be removed.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The taxonomy CSV (default: GeoData/categories.csv).")
    var file: String?

    func run() async throws {
        try await reportingFailures {
            let path = file ?? "GeoData/categories.csv"
            let categories =
                try file.map { try CategoryFile.read(path: $0) }
                ?? DefaultData.locate().withGeoData { try CategoryFile.read(path: $0 + "/categories.csv") }
            try await global.openStore().importCategories(categories, source: path)
            say(text("categories.loaded", ("file", path), ("count", categories.count)))
        }
    }
}
