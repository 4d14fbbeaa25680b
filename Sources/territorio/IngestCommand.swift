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

            Rows that fail a check are kept in quarantine with every reason, with only the form's \
            columns, until a corrected row is ingested or `territorio quarantine clear` empties it. \
            --rejected writes them to a CSV to correct and ingest again, in the input's columns, \
            delimiter and encoding; when both forms have rejected rows, it writes OUT-user.csv and \
            OUT-operator.csv instead. Columns that could identify a person (names, phones, \
            e-mail, contacts, tax codes, documents, addresses, device ids, notes) are never stored.

            A respondent's GPS point gives the municipality; only the centre of its 1 km grid cell \
            is kept ([privacy] in territorio.toml: points = "none" keeps nothing, cell_size_m a \
            larger cell).

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

    @Option(help: """
        Write the rejected rows, with their reasons, to this CSV file (when both forms have some: \
        OUT-user.csv and OUT-operator.csv).
        """)
    var rejected: String?

    @Option(help: "Settings (TOML, [privacy]); default: territorio.toml next to the database.")
    var config: String?

    func run() throws {
        var worst: ExitCode = .success
        var summaries: [IngestSummary] = []
        var groups: [SurveyForm.Kind: RejectedRows] = [:]
        let store: Store
        let privacy: LocationPrivacy
        do {
            store = try Store.open(at: global.database)
            privacy = try global.locationPrivacy(explicit: config)
        } catch { say("error: \(error)"); throw ExitCode.failure }
        let resolver = try SurveyIngest.resolver(store)
        for file in files {
            do {
                let (summary, rows) = try ingest(file, store: store, resolver: resolver, privacy: privacy)
                summaries.append(summary)
                report(summary)
                if groups[rows.form] == nil { groups[rows.form] = rows } else { groups[rows.form]!.append(rows) }
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
        if let rejected, !writeRejected(SurveyForm.Kind.allCases.compactMap { groups[$0] }, to: rejected) {
            worst = ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summaries), as: UTF8.self))
        }
        if worst != .success { throw worst }
    }

    private func ingest(_ file: String, store: Store, resolver: MunicipalityResolver,
                        privacy: LocationPrivacy) throws -> (IngestSummary, RejectedRows) {
        let showProgress = isatty(2) == 1 && !json
        let result = try SurveyIngest.ingest(
            path: file, into: store, options: .init(form: form, dryRun: dryRun, privacy: privacy), resolver: resolver,
            progress: showProgress ? { done, total in
                let pct = total > 0 ? done * 100 / total : 0
                FileHandle.standardError.write(Data("\r\(file): \(pct)% ".utf8))
            } : nil)
        if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
        return result
    }

    /// One file per form with rejected rows; none when nothing was rejected. False on failure.
    private func writeRejected(_ groups: [RejectedRows], to path: String) -> Bool {
        let destinations = RejectedRows.destinations(groups, path: path)
        if destinations.isEmpty { say("No rejected rows: \(path) was not written.") }
        for (file, rows) in destinations {
            do {
                let fellBack = try rows.write(to: file)
                say("Wrote \(rows.rows.count) rejected \(rows.form.rawValue) rows to \(file): "
                    + "correct them and ingest that file.")
                if fellBack {
                    let encoding = rows.format.encodingName
                    say("note: \(file) is UTF-8, not \(encoding) like its input: some values need characters \(encoding) lacks.")
                }
            } catch { say("error: cannot write \(file): \(error)"); return false }
        }
        return true
    }

    private func report(_ s: IngestSummary) {
        let prefix = s.dryRun ? "(dry run, nothing written) " : ""
        say("\(prefix)\(s.file): \(s.form.rawValue) survey, \(s.dialect.rawValue) export, \(s.rows) rows — \(s.accepted) new, \(s.duplicates) already there, \(s.conflicts) conflicts, \(s.rejected) rejected" + (s.batch.map { " (batch \($0))" } ?? "") + ".")
        if !s.droppedColumns.isEmpty {
            say("warning: dropped columns that could identify a person (not stored): \(s.droppedColumns.joined(separator: ", "))")
        }
        if !s.ignoredColumns.isEmpty { say("note: columns not in the form, ignored: \(listing(s.ignoredColumns, limit: 8))") }
        if let points = s.points { say("note: \(points).") }
        for c in s.conflictUUIDs.prefix(10) { say("conflict: \(c) came again with different answers; kept the newer, archived the older.") }
        for w in s.warnings.prefix(10) { say("warning: row \(w.row): \(w.messages.joined(separator: "; "))") }
        if s.warnings.count > 10 { say("… and \(s.warnings.count - 10) more warnings") }
        for r in s.rejections.prefix(20) { say("rejected: row \(r.row): \(r.messages.joined(separator: "; "))") }
        if s.rejections.count > 20 { say("… and \(s.rejections.count - 20) more rejected rows (see --rejected)") }
        if s.releasedFromQuarantine > 0 {
            say("\(s.releasedFromQuarantine) earlier rejected rows left the quarantine.")
        }
        if s.rejected > 0 && !s.dryRun { say(Self.quarantineNote) }
    }

    static let quarantineNote = "note: rejected rows are kept in quarantine (only the form's columns, exact points "
        + "included) until a corrected row is ingested or `territorio quarantine clear` removes them; "
        + "`territorio quarantine list` shows them."
}
