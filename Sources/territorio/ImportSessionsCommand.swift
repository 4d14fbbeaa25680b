import ArgumentParser
import Foundation
import TerritorioKit

struct ImportSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Import the self-help group's sessions (auto-mutuo-aiuto) from a CSV file.",
        discussion: """
            CSV header: \(Session.columns.joined(separator: ",")). date is the first session \
            (YYYY-MM-DD), times are HH:MM in Europe/Rome; rrule is an RFC 5545 rule (FREQ=WEEKLY or \
            MONTHLY, BYDAY, INTERVAL, COUNT or UNTIL), empty for a single session. The place is a \
            service_id of the directory, or an address with lat and lon. organization is the \
            expert's organisation, never a private person. Sessions are added or updated by id; every \
            problem is reported with its row and column, and then nothing is written.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file.")
    var file: String

    func run() async throws {
        try await reportingFailures {
            let store = try await global.openCommandStore()
            let check = SessionCheck(
                categories: Set(try await store.categories().map(\.code)),
                services: Set(try await store.services().map(\.id)))
            let report = try await store.importSessions(try check.read(path: file), source: file)
            say(Self.done(file, report))
        }
    }

    static func done(_ file: String, _ r: ServiceImportReport) -> String {
        text(
            "msg3.sessions.imported", ("file", file), ("added", r.added.count), ("updated", r.updated.count),
            ("unchanged", r.unchanged.count))
    }
}
