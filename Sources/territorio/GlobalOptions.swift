import ArgumentParser
import Foundation
import TerritorioKit

/// Options every command that uses the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SpatiaLite database file (default: $TERRITORIO_DB, else ./territorio.sqlite).", valueName: "path"))
    var db: String?

    /// The database path the user chose, or nil to use the command's default.
    var explicitDatabase: String? { db ?? ProcessInfo.processInfo.environment["TERRITORIO_DB"] }

    var database: String { explicitDatabase ?? "territorio.sqlite" }

    /// The database path, when the file exists (commands that only read must not create one).
    func existingDatabase() throws -> String {
        guard FileManager.default.fileExists(atPath: database) else {
            throw InputError(file: database, "no database here; create one with `territorio init` or `territorio demo --out out`")
        }
        return database
    }

    /// The analysis parameters: `explicit`, else `territorio.toml` next to the database, else the defaults.
    func analysisConfig(explicit: String?) throws -> AnalysisConfig {
        let beside = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("territorio.toml").path
        let path = explicit ?? (FileManager.default.fileExists(atPath: beside) ? beside : nil)
        return try path.map(AnalysisConfig.load) ?? .standard
    }
}
