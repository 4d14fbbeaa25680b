import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup, after checking the backup.",
        discussion: """
            Checks that FILE is a whole territorio database (integrity check, schema), then copies it \
            to the --db path. An existing database is replaced only with --force: stop the web app and \
            anything else using it first. Missing migrations are applied and `doctor` runs on the result.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The backup file (from `territorio backup`).")
    var file: String

    @Flag(help: "Replace an existing database.")
    var force = false

    func run() throws {
        try reportingFailures {
            if PostgresURL.isPostgres(global.database) {
                throw InputError(
                    file: "--db", kind: .invalid, text("pgcmds.restore.postgis", ("url", global.databaseName)))
            }
            let report = try Store.restore(from: file, to: global.localDatabase(), force: force)
            say(text("msg3.restore.done", ("file", file), ("db", report.path), ("bytes", report.bytes)))
            let health = try Store.open(at: report.path).doctor()
            say(text("msg3.restore.health", ("verdict", text("msg3.health.\(health.verdict.rawValue)"))))
            guard health.verdict != .problem else { throw ExitCode.failure }
        }
    }
}
