import ArgumentParser
import Foundation
import TerritorioKit

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest survey results: KoboToolbox or ODK Central CSV exports, or the paper template.",
        discussion: """
            The dialect (Kobo, ODK, paper) and the form (user, operator) are recognised from the \
            header; --form only overrides. Each file is one transaction; a file already ingested \
            (same content) writes nothing. Submissions are keyed by their instance UUID (ODK's KEY, \
            Kobo's meta/rootUuid when exported), so a later export that includes older rows adds \
            only the new ones. A UUID whose answers changed is an edit: the newer version, by \
            meta/deprecatedID, ODK's edit count and the submission's own time (not the order of \
            ingestion), is kept and the other archived.

            Paper questionnaires are keyed by their source (the organisation that collected them: \
            the template's source column, or --source; the operator survey's organization) and \
            questionnaire_id. A questionnaire number already stored with other answers is rejected, \
            naming both rows, unless the row corrects it: --correction for the whole file, or a \
            correction_of column.

            Rows about a municipality outside the consortium (when the database has one), and dates \
            in the future (a device's clock) or before 2000, are rejected with the reason; \
            --allow-outside and --allow-future keep them, with a warning.

            Rows that fail a check are kept in quarantine with every reason; --rejected writes them \
            to a CSV to correct and ingest again. Columns that could identify a person (names, \
            phones, e-mail, tax codes, addresses, device ids, notes) are never stored.

            Exit codes: 0 every row accepted; 3 some rows rejected; 65/66 a file could not be \
            used (nothing written for it).
            """)

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

    @Flag(help: "Keep rows about municipalities outside the consortium (rejected by default).")
    var allowOutside = false

    @Flag(help: "Keep submission, questionnaire and period dates after today, up to a year ahead (else rejected).")
    var allowFuture = false

    @Flag(help: "Paper rows whose questionnaire is stored with other answers correct it (the old one is archived).")
    var correction = false

    @Option(help: "The organisation that collected the paper questionnaires of files without a source column.")
    var source: String?

    @Option(help: "The survey round the files belong to (default: each submission's round by its date).")
    var round: String?

    func run() throws {
        var worst: ExitCode = .success
        var summaries: [IngestSummary] = []
        var allRejected: RejectedRows?
        let store: Store
        do { store = try Store.open(at: global.database) } catch { say("error: \(error)"); throw ExitCode.failure }
        if let round {
            do { _ = try store.round(named: round) } catch { say("error: \(error)"); throw Exit.invalidInput }
        }
        let resolver = try SurveyIngest.resolver(store)
        let policy = IngestPolicy(allowOutside: allowOutside, allowFuture: allowFuture, correction: correction,
                                  source: source)
        for file in files {
            do {
                let showProgress = isatty(2) == 1 && !json
                let (summary, rows) = try SurveyIngest.ingest(
                    path: file, into: store, options: .init(form: form, dryRun: dryRun, policy: policy),
                    resolver: resolver,
                    progress: showProgress ? { done, total in
                        let pct = total > 0 ? done * 100 / total : 0
                        FileHandle.standardError.write(Data("\r\(file): \(pct)% ".utf8))
                    } : nil)
                if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
                summaries.append(summary)
                if let round, let batch = summary.batch, !dryRun { try store.assignBatch(batch, to: round) }
                report(summary)
                if allRejected == nil { allRejected = rows } else { allRejected!.append(rows) }
                if summary.rejected > 0 && worst == .success { worst = Exit.partial }
            } catch let error as InputError {
                for line in error.lines(limit: 30) { say("error: " + line) }
                say("Nothing was written for \(file).")
                worst = error.kind == .unreadable ? Exit.unreadableInput : Exit.invalidInput
            } catch {
                say("error: \(file): \(error)")
                worst = ExitCode.failure
            }
        }
        if let rejected, let rows = allRejected {
            do {
                try AtomicFile.write(try rows.csv(), to: rejected)
                say("Wrote \(rows.rows.count) rejected rows to \(rejected): correct them and ingest that file.")
            } catch { say("error: cannot write \(rejected): \(error)"); worst = ExitCode.failure }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summaries), as: UTF8.self))
        }
        if worst != .success { throw worst }
    }

    private func report(_ s: IngestSummary) {
        let prefix = s.dryRun ? "(dry run, nothing written) " : ""
        say("\(prefix)\(s.file): \(s.form.rawValue) survey, \(s.dialect.rawValue) export, \(s.rows) rows — "
            + "\(s.accepted) new, \(s.duplicates) already there, \(s.conflicts) conflicts, \(s.rejected) rejected"
            + (s.outdated > 0 ? ", \(s.outdated) older versions already archived" : "")
            + (s.batch.map { " (batch \($0))" } ?? "") + ".")
        for note in s.notes { say("note: \(s.file): \(note)") }
        if !s.droppedColumns.isEmpty {
            say("warning: dropped columns that could identify a person (not stored): \(s.droppedColumns.joined(separator: ", "))")
        }
        if !s.ignoredColumns.isEmpty { say("note: columns not in the form, ignored: \(listing(s.ignoredColumns, limit: 8))") }
        for c in s.conflictNotes.prefix(10) { say("conflict: row \(c.row): \(c.messages.joined(separator: "; "))") }
        if s.conflictNotes.count > 10 { say("… and \(s.conflictNotes.count - 10) more conflicts") }
        for w in s.warnings.prefix(10) { say("warning: row \(w.row): \(w.messages.joined(separator: "; "))") }
        if s.warnings.count > 10 { say("… and \(s.warnings.count - 10) more warnings") }
        for r in s.rejections.prefix(20) { say("rejected: row \(r.row): \(r.messages.joined(separator: "; "))") }
        if s.rejections.count > 20 { say("… and \(s.rejections.count - 20) more rejected rows (see --rejected)") }
    }
}
