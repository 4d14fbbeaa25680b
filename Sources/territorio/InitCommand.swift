import ArgumentParser
import TerritorioKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one up to date.",
        discussion:
            "Running it again is harmless: only missing migrations are applied. A new database gets the default taxonomy (GeoData/categories.csv)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let store = try Store.open(at: global.database)
            if try store.categories().isEmpty {
                let categories = try DefaultData.locate().withGeoData {
                    try CategoryFile.read(path: $0 + "/categories.csv")
                }
                try store.importCategories(categories, source: "GeoData/categories.csv")
                say(text("init.taxonomy", ("file", "GeoData/categories.csv")))
            }
            if store.migrationsApplied.isEmpty {
                say(text("init.up_to_date", ("db", store.path)))
            } else {
                let applied = store.migrationsApplied.joined(separator: ", ")
                say(text("init.ready", ("db", store.path), ("migrations", applied)))
            }
        }
    }
}
