import ArgumentParser
import TerritorioKit

struct ConsortiumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consortium",
        abstract: "Manage the consortium's member municipalities.",
        subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the municipalities listed in a CSV file the consortium's members.",
            discussion: "Every code must already be in the database; an unknown code is an error and nothing changes.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A CSV file with a column of ISTAT codes.")
        var file: String

        @Option(help: "The column holding the 6-digit ISTAT code.")
        var codeColumn = "istat_code"

        func run() throws {
            try reportingFailures {
                let members = try ConsortiumFile.read(path: file, codeColumn: codeColumn)
                let store = try Store.open(at: global.database)
                let report = try store.setConsortium(members)
                say("The consortium has \(report.members.count) members (\(report.joined.count) joined, \(report.left.count) left).")
                if !report.joined.isEmpty { say("joined: \(listing(report.joined))") }
                if !report.left.isEmpty { say("left: \(listing(report.left))") }
            }
        }
    }
}
