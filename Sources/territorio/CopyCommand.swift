import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole database to a new one of either backend (SpatiaLite file or PostGIS server).",
        discussion: """
            Copies the municipalities (boundaries, population, membership), the taxonomy and the services, \
            then checks the copy by counts and a content digest. The target must be empty. Survey data, \
            zones and the import log are not copied yet (docs/postgis.md).
            """)

    @Option(help: ArgumentHelp("The database to copy: a SpatiaLite file or a postgresql:// URL.", valueName: "db"))
    var from: String

    @Option(help: ArgumentHelp("The new database: a SpatiaLite file or a postgresql:// URL.", valueName: "db"))
    var to: String

    func run() async throws {
        try await reportingFailures {
            guard PostgresURL.isPostgres(from) || FileManager.default.fileExists(atPath: from) else {
                throw InputError(file: from, Self.noSource)
            }
            let source = try await StoreOpener.open(from)
            let target = try await StoreOpener.open(to)
            let report = try await StoreCopy.copy(from: source, to: target, label: Self.label(from))
            say(Self.done(report))
        }
    }

    static let noSource = "no database here; give an existing SpatiaLite file or a postgresql:// URL"

    /// The source as the target's import log names it (without any password).
    static func label(_ value: String) -> String {
        (try? PostgresURL(value))?.redacted ?? value
    }

    static func done(_ r: StoreCopy.Report) -> String {
        "Copied \(r.municipalities) municipalities (\(r.members) in the consortium), \(r.categories) categories, "
            + "\(r.services) services; content digest \(r.digest) on both sides."
    }
}
