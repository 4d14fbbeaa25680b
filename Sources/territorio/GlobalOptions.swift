import ArgumentParser
import Foundation

/// Options every command that uses the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SpatiaLite database file (default: $TERRITORIO_DB, else ./territorio.sqlite).", valueName: "path"))
    var db: String?

    /// The database path the user chose, or nil to use the command's default.
    var explicitDatabase: String? { db ?? ProcessInfo.processInfo.environment["TERRITORIO_DB"] }

    var database: String { explicitDatabase ?? "territorio.sqlite" }
}
