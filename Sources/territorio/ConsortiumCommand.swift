import ArgumentParser
import TerritorioKit

struct ConsortiumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consortium",
        abstract: "Manage the consortium's member municipalities.",
        subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the municipalities listed in a CSV file the consortium's members.",
            discussion: "Every code must already be in the database; an unknown code is an error and nothing changes.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A CSV file with a column of ISTAT codes.")
        var file: String

        @Option(help: "The column holding the 6-digit ISTAT code.")
        var codeColumn = "istat_code"

        func run() async throws {
            try await reportingFailures {
                let store = try await global.existingAnyStore()
                let members = try ConsortiumFile.read(path: file, codeColumn: codeColumn)
                let report = try await store.setConsortium(members)
                say(
                    text(
                        "consortium.set", ("members", report.members.count), ("joined", report.joined.count),
                        ("left", report.left.count)))
                if !report.joined.isEmpty { say(text("consortium.joined", ("list", listing(report.joined)))) }
                if !report.left.isEmpty { say(text("consortium.left", ("list", listing(report.left)))) }
            }
        }
    }
}
