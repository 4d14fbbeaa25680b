import ArgumentParser
import Foundation
import TerritorioKit

struct ImportServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Import the service directory from a CSV file or GeoJSON points.",
        discussion: """
            CSV header (see docs/services.md): \(Service.columns.joined(separator: ",")). \
            Only id, name and categories are required. Lists (categories, languages) are separated \
            by ; or spaces; opening_hours uses OpenStreetMap syntax ("Mo-Fr 09:00-12:30; PH off"). \
            A GeoJSON file has Point features with the same properties.

            Services are added or updated by id. A service without coordinates is placed at its \
            municipality's centre and flagged location_approximate. Every problem is reported with \
            its row and column; then nothing is written unless --partial is given, which imports \
            the valid rows and exits with code 3.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV or GeoJSON file.")
    var file: String

    @Flag(help: "Import the valid rows even when others are rejected.")
    var partial = false

    @Flag(help: "Accept services located outside the consortium (e.g. in Genoa or Alessandria).")
    var allowOutside = false

    @Flag(help: "The file is the whole directory: services not in it are closed (removed, kept in the history).")
    var replace = false

    func validate() throws {
        if replace && partial { throw ValidationError(text("msg3.services.replace_partial")) }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            let records = try ServiceFile.read(path: file)
            let context = DirectoryContext(
                categories: Set(try await store.categories().map(\.code)),
                resolver: try await store.municipalityResolver())
            if context.categories.isEmpty { throw InputError(file: global.databaseName, text("db.no_categories")) }
            let outcome = try ServiceCheck(context: context, allowOutside: allowOutside).check(records)
            for w in Echo.capped(outcome.warnings.map { "\(file): \($0)" }, limit: 30) {
                say(text("warning", ("message", w)))
            }
            if !outcome.problems.isEmpty && !partial {
                throw InputError(file: file, problems: outcome.problems)
            }
            let report = try await store.importServices(outcome.services, source: file)
            say(
                text(
                    "services.imported", ("file", file), ("count", records.records.count),
                    ("added", report.added.count), ("updated", report.updated.count),
                    ("unchanged", report.unchanged.count), ("rejected", outcome.rejected)))
            if replace {
                let listed = Set(outcome.services.map(\.id))
                let closed = try await store.closeServices(
                    try await store.services().map(\.id).filter { !listed.contains($0) },
                    source: file, date: nil)
                if !closed.isEmpty { say(Self.closed(closed)) }
            }
            let approximate = outcome.services.filter(\.locationApproximate).map(\.id)
            if !approximate.isEmpty {
                say(text("services.approximate", ("count", approximate.count), ("list", listing(approximate))))
            }
            if outcome.rejected > 0 {
                for line in InputError(file: file, problems: outcome.problems).lines(limit: 30) {
                    say(text("rejected", ("message", line)))
                }
                throw Exit.partial
            }
        }
    }

    static func closed(_ ids: [String]) -> String {
        text("msg3.services.closed", ("count", ids.count), ("list", listing(ids)))
    }
}
