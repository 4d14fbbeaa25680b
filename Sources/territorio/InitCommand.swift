import ArgumentParser
import TerritorioKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one up to date.",
        discussion: "Running it again is harmless: only missing migrations are applied. A new database gets the default taxonomy (GeoData/categories.csv).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let store = try Store.open(at: global.database)
            if try store.categories().isEmpty, let geoData = try? EmbeddedDefault.locateGeoData() {
                let path = geoData + "/categories.csv"
                try store.importCategories(try CategoryFile.read(path: path), source: path)
                say(text("init.taxonomy", ("file", path)))
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
