import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database into one file, safely while others use it.",
        discussion: """
            Uses SQLite's online backup API from one snapshot, so the copy is consistent even while \
            an ingest or the web app writes. The copy is checked (integrity) before it replaces OUT. \
            Restore it with `territorio restore OUT`. On a PostGIS server use the server's own tools \
            (pg_dump, pg_restore, replication): the command says how.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var out: String

    func run() throws {
        try reportingFailures {
            if PostgresURL.isPostgres(global.database) {
                throw InputError(
                    file: "--db", kind: .invalid, text("pgcmds.backup.postgis", ("url", global.databaseName)))
            }
            let report = try Store.open(at: global.existingDatabase()).backup(to: out)
            say(
                text(
                    "msg3.backup.wrote", ("file", report.path), ("bytes", report.bytes),
                    ("migrations", report.migrations.count)))
        }
    }
}
