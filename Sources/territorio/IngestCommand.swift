import ArgumentParser
import Foundation
import TerritorioKit

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest survey results: KoboToolbox or ODK Central CSV exports, or the paper template.",
        discussion: """
            The dialect (Kobo, ODK, paper) and the form (user, operator) are recognised from the \
            header; --form only overrides. Each file is one transaction. Submissions are keyed by \
            their instance UUID (paper: questionnaire_id), so re-ingesting an export, or a later one \
            that includes older rows, adds only the new ones; a UUID whose answers changed is a \
            conflict: the newer version is kept, the older archived.

            Rows that fail a check are kept in quarantine with every reason; --rejected writes them \
            to a CSV to correct and ingest again. Columns that could identify a person (names, \
            phones, e-mail, tax codes, addresses, device ids, notes) are never stored.
            """ + "\n\n" + text("help.ingest_exit_codes"))

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One or more CSV files.")
    var files: [String]

    @Option(help: "user or operator (default: recognised from the header).")
    var form: SurveyForm.Kind?

    @Flag(help: "Check everything and report, but write nothing.")
    var dryRun = false

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Option(help: "Write the rejected rows, with their reasons, to this CSV file.")
    var rejected: String?

    func run() throws {
        var worst: ExitCode = .success
        var summaries: [IngestSummary] = []
        var allRejected: RejectedRows?
        var store: Store!
        try reportingFailures { store = try global.existingStore() }
        let resolver = try SurveyIngest.resolver(store)
        for file in files {
            do {
                let showProgress = isatty(2) == 1 && !json
                let (summary, rows) = try SurveyIngest.ingest(
                    path: file, into: store, options: .init(form: form, dryRun: dryRun), resolver: resolver,
                    progress: showProgress ? { done, total in
                        let pct = total > 0 ? done * 100 / total : 0
                        FileHandle.standardError.write(Data("\r\(file): \(pct)% ".utf8))
                    } : nil)
                if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
                summaries.append(summary)
                report(summary)
                if allRejected == nil { allRejected = rows } else { allRejected!.append(rows) }
                if summary.rejected > 0 && worst == .success { worst = Exit.partial }
            } catch let error as InputError {
                sayFailure(error)
                say(text("ingest.nothing_written", ("file", file)))
                worst = error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
            } catch {
                say(text("error", ("message", "\(file): \(describe(error))")))
                worst = ExitCode.failure
            }
        }
        if let rejected, let rows = allRejected {
            do {
                try AtomicFile.write(try rows.csv(), to: rejected)
                say(text("ingest.wrote_rejected", ("count", rows.rows.count), ("file", rejected)))
            } catch { say(text("error", ("message", describe(error)))); worst = ExitCode.failure }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summaries), as: UTF8.self))
        }
        if worst != .success { throw worst }
    }

    private func report(_ s: IngestSummary) {
        let prefix = s.dryRun ? text("ingest.dry_run") + " " : ""
        let batch = s.batch.map { " " + text("ingest.batch", ("batch", String($0))) } ?? ""
        say(prefix + text("ingest.summary", ("file", s.file), ("form", s.form.rawValue),
                          ("dialect", s.dialect.rawValue), ("rows", s.rows), ("accepted", s.accepted),
                          ("duplicates", s.duplicates), ("conflicts", s.conflicts), ("rejected", s.rejected),
                          ("batch", batch)))
        if !s.droppedColumns.isEmpty { say(text("ingest.dropped", ("columns", listing(s.droppedColumns, limit: 8)))) }
        if !s.ignoredColumns.isEmpty { say(text("ingest.ignored", ("columns", listing(s.ignoredColumns, limit: 8)))) }
        let conflicts = s.conflictUUIDs.map { text("ingest.conflict", ("uuid", Echo.value($0))) }
        for line in Echo.capped(conflicts, limit: 10) { say(line) }
        let warnings = s.warnings.map { text("warning", ("message", rowLine($0))) }
        for line in Echo.capped(warnings, limit: 10) { say(line) }
        let rejections = s.rejections.map { text("rejected", ("message", rowLine($0))) }
        for line in Echo.capped(rejections, limit: 20) { say(line) }
    }

    /// "row 12: reason; reason" with at most five reasons, however many the row has.
    private func rowLine(_ note: IngestSummary.RowNote) -> String {
        Messages.text("where.row", ("row", String(note.row))) + ": "
            + Echo.capped(note.messages, limit: 5).joined(separator: "; ")
    }
}
