import ArgumentParser
import TerritorioKit
import TerritorioPostGIS

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one up to date.",
        discussion:
            "Running it again is harmless: only missing migrations are applied. A new database gets the default "
            + "taxonomy (GeoData/categories.csv). --db may name a PostGIS server (postgresql://…): its database "
            + "must exist; init creates the tables."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let store = try await global.openStore()
            if try await store.categories().isEmpty {
                let categories = try DefaultData.locate().withGeoData {
                    try CategoryFile.read(path: $0 + "/categories.csv")
                }
                try await store.importCategories(categories, source: "GeoData/categories.csv")
                say(text("init.taxonomy", ("file", "GeoData/categories.csv")))
            }
            guard let local = store as? Store else {
                say(text("init.up_to_date", ("db", try await store.summary().database)))
                return
            }
            if local.migrationsApplied.isEmpty {
                say(text("init.up_to_date", ("db", local.path)))
            } else {
                let applied = local.migrationsApplied.joined(separator: ", ")
                say(text("init.ready", ("db", local.path), ("migrations", applied)))
            }
        }
    }
}
