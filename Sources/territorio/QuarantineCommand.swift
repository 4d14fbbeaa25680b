import ArgumentParser
import Foundation
import TerritorioKit

struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "See and empty the quarantine: the survey rows ingestion rejected, with their reasons.",
        discussion: """
            A rejected row is kept (only the form's columns, never identity-like ones) until a \
            corrected row with the same _territorio_id or instance id is ingested, or until it is \
            cleared here. `ingest --rejected OUT.csv` writes the rows to correct.
            """,
        subcommands: [List.self, Show.self, Clear.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the quarantined rows: id, form, batch, file, row and reasons.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only the rows of this batch (see `ingest`).")
        var batch: Int64?

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            try await reportingFailures {
                let rows = try await global.existingAnyStore().quarantinedRows(batch: batch)
                if json { return print(try QuarantineCommand.json(rows)) }
                if rows.isEmpty { return say("The quarantine is empty.") }
                for r in rows {
                    let reasons = r.reasons.joined(separator: "; ")
                    output("\(r.id)\t\(r.form ?? "")\tbatch \(r.batch)\t\(r.file) row \(r.row)\t\(reasons)")
                }
                say("\(rows.count) rows in quarantine; `territorio quarantine show ID` shows one.")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one quarantined row: its values and reasons.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The row's id, as `quarantine list` shows it.")
        var id: Int64

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            try await reportingFailures {
                let rows = try await global.existingAnyStore().quarantinedRows(batch: nil)
                guard let r = rows.first(where: { $0.id == id }) else {
                    say("error: no quarantined row has the id \(id); `territorio quarantine list` shows them.")
                    throw Exit.invalidInput
                }
                if json { return print(try QuarantineCommand.json([r])) }
                output("id: \(r.id)\nform: \(r.form ?? "")")
                output("file: \(r.file) (batch \(r.batch), \(r.ingestedAt))\nrow: \(r.row)")
                if let uuid = r.uuid { output("instance id: \(uuid)") }
                for reason in r.reasons { output("reason: \(reason)") }
                for (column, value) in r.values.sorted(by: { $0.key < $1.key }) { output("\(column): \(value)") }
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete quarantined rows: the ids given, or --all.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Ids of the rows to delete.")
        var ids: [Int64] = []

        @Flag(help: "Delete every quarantined row.")
        var all = false

        func validate() throws {
            if ids.isEmpty == !all { throw ValidationError("give the ids of the rows to delete, or --all (not both)") }
        }

        func run() async throws {
            try await reportingFailures {
                let deleted = try await global.existingAnyStore().clearQuarantine(ids: all ? nil : ids)
                say("Deleted \(deleted) quarantined rows.")
                if !all && deleted < ids.count {
                    say("warning: \(ids.count - deleted) of the ids given were not in the quarantine.")
                }
            }
        }
    }

    static func json(_ rows: [QuarantinedRow]) throws -> String {
        return try JSONOutput.text(rows)
    }
}

/// Prints a line of quarantined data on standard output, with control characters (escape
/// sequences from a hostile cell) taken out, as `say` does for messages.
private func output(_ line: String) {
    print(Echo.stripped(line, keepNewlines: true))
}
