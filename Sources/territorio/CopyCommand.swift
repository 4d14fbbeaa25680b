import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole database to a new one of either backend (SpatiaLite file or PostGIS server).",
        discussion: """
            Copies every table that holds data (territory, directory and its history, taxonomy, survey \
            batches, submissions and their earlier versions, needs, quarantine, rounds, sessions, \
            import log, and the web app's accounts and audit log where the target has them) with \
            their ids, in one transaction, checked before the commit by counts and a content digest \
            of the rows read back. The target must be empty; a copy that fails while writing, or \
            whose rows read back differ from the source's, writes nothing. \
            Web sign-ins are not copied. \
            See docs/postgis.md ("Moving up").
            """)

    @Option(help: ArgumentHelp("The database to copy: a SpatiaLite file or a postgresql:// URL.", valueName: "db"))
    var from: String

    @Option(help: ArgumentHelp("The new database: a SpatiaLite file or a postgresql:// URL.", valueName: "db"))
    var to: String

    func run() async throws {
        try await reportingFailures {
            guard PostgresURL.isPostgres(from) || FileManager.default.fileExists(atPath: from) else {
                throw InputError(file: from, Messages.text("pgcopy.no_source"))
            }
            guard from != to else {
                throw InputError(file: (try? PostgresURL(to))??.redacted ?? to, Messages.text("pgcopy.same"))
            }
            let source = try await Self.open(from)
            let newFile = !PostgresURL.isPostgres(to) && !FileManager.default.fileExists(atPath: to)
            do {
                let report = try await DatabaseCopy.copy(from: source, to: try await Self.open(to))
                for table in report.tables {
                    say("  " + Messages.text("pgcopy.table", ("table", table.name), ("rows", String(table.rows))))
                }
                say(Self.done(report))
            } catch {
                if newFile { Self.remove(to) }
                throw error
            }
        }
    }

    /// Either backend, as a store read and written table by table.
    static func open(_ value: String) async throws -> any TableCopyStore {
        if let url = try PostgresURL(value) { return try await PostGISStore(url: url) }
        return try Store.open(at: value)
    }

    /// The file a failed copy created (and SQLite's side files): the target is left as it was.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func done(_ r: DatabaseCopy.Report) -> String {
        Messages.text(
            "pgcopy.done", ("tables", String(r.tables.count)), ("rows", String(r.rows)), ("digest", r.digest))
    }
}
