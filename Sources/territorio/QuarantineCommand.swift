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
                if rows.isEmpty { return say(text("msg3.quarantine.empty")) }
                for r in rows {
                    let reasons = r.reasons.joined(separator: "; ")
                    output("\(r.id)\t\(r.form ?? "")\tbatch \(r.batch)\t\(r.file) row \(r.row)\t\(reasons)")
                }
                say(text("msg3.quarantine.listed", ("count", rows.count)))
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
                    say(text("error", ("message", text("msg3.quarantine.no_id", ("id", String(id))))))
                    throw Exit.invalidInput
                }
                if json { return print(try QuarantineCommand.json([r])) }
                output(text("msg3.quarantine.show_id", ("id", String(r.id))))
                output(text("msg3.quarantine.show_form", ("form", r.form ?? "")))
                output(
                    text(
                        "msg3.quarantine.show_file", ("file", r.file), ("batch", String(r.batch)), ("at", r.ingestedAt))
                )
                output(text("msg3.quarantine.show_row", ("row", String(r.row))))
                if let uuid = r.uuid { output(text("msg3.quarantine.show_uuid", ("uuid", uuid))) }
                for reason in r.reasons { output(text("msg3.quarantine.show_reason", ("reason", reason))) }
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
            if ids.isEmpty == !all { throw ValidationError(text("msg3.quarantine.ids_or_all")) }
        }

        func run() async throws {
            try await reportingFailures {
                let deleted = try await global.existingAnyStore().clearQuarantine(ids: all ? nil : ids)
                say(text("msg3.quarantine.deleted", ("count", deleted)))
                if !all && deleted < ids.count {
                    say(text("warning", ("message", text("msg3.quarantine.not_found", ("count", ids.count - deleted)))))
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
