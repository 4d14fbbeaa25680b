import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

/// Options every command that uses the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SpatiaLite database file (default: $TERRITORIO_DB, else ./territorio.sqlite), or a PostGIS server, "
                + "postgresql://user@host:port/database (docs/postgis.md lists the commands that take one).",
            valueName: "path"))
    var db: String?

    /// The database path the user chose, or nil to use the command's default.
    var explicitDatabase: String? { db ?? ProcessInfo.processInfo.environment["TERRITORIO_DB"] }

    var database: String { explicitDatabase ?? "territorio.sqlite" }

    /// The database for messages: a PostGIS URL without its password.
    var databaseName: String { ((try? PostgresURL(database)) ?? nil)?.redacted ?? database }

    /// The database path, when the file exists (commands that read the database must not
    /// create an empty one): else exit 66 with how to set one up.
    func existingDatabase() throws -> String {
        if PostgresURL.isPostgres(database) { throw InputError(file: "--db", kind: .invalid, Self.spatiaLiteOnly) }
        guard FileManager.default.fileExists(atPath: database) else {
            throw InputError(file: database, kind: .unreadable, text("db.missing"))
        }
        return database
    }

    /// The existing database, opened.
    func existingStore() throws -> Store {
        try Store.open(at: existingDatabase())
    }

    /// The database the user chose, when it exists: a SpatiaLite file, or a `postgresql://` URL
    /// (whose server is reached when the store opens).
    func existingLocation() throws -> String {
        PostgresURL.isPostgres(database) ? database : try existingDatabase()
    }

    /// The SpatiaLite file the user chose (it may not exist yet): a URL is an error for the
    /// commands that work on a file only.
    func localDatabase() throws -> String {
        if PostgresURL.isPostgres(database) { throw InputError(file: "--db", kind: .invalid, Self.spatiaLiteOnly) }
        return database
    }

    /// The database of either backend, opened: a SpatiaLite file is created when missing, a
    /// PostGIS database migrated.
    func openStore() async throws -> StoreOpener.AnyStore {
        try await StoreOpener.open(database)
    }

    /// The existing database of either backend, opened (a missing SpatiaLite file is an error).
    func existingAnyStore() async throws -> StoreOpener.AnyStore {
        try await StoreOpener.open(existingLocation())
    }

    static let spatiaLiteOnly =
        "this command works on a SpatiaLite file only so far; on a PostGIS server (postgresql://) use "
        + "init, info, copy, import boundaries/population/categories/services, consortium set, ingest, "
        + "report gaps/summary, quarantine, user add, serve (docs/postgis.md)"

    /// The analysis parameters: `explicit`, else `territorio.toml` next to the database, else the defaults.
    func analysisConfig(explicit: String?) throws -> AnalysisConfig {
        try configFile(explicit: explicit).map(AnalysisConfig.load) ?? .standard
    }

    /// What is kept of respondents' points (`[privacy]` of the same file), else the default 1 km cell.
    func locationPrivacy(explicit: String?) throws -> LocationPrivacy {
        try configFile(explicit: explicit).map(LocationPrivacy.load) ?? .standard
    }

    /// `explicit`, else `territorio.toml` next to the database when there is one.
    private func configFile(explicit: String?) -> String? {
        let beside = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent(
            "territorio.toml"
        ).path
        return explicit ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil)
    }
}
