import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct IngestCommand: AsyncParsableCommand {
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

            Rows that fail a check are kept in quarantine with every reason, with only the form's \
            columns, until a corrected row is ingested or `territorio quarantine clear` empties it. \
            --rejected writes them to a CSV to correct and ingest again, in the input's columns, \
            delimiter and encoding; when both forms have rejected rows, it writes OUT-user.csv and \
            OUT-operator.csv instead. Columns that could identify a person (names, phones, \
            e-mail, contacts, tax codes, documents, addresses, device ids, notes) are never stored.

            A respondent's GPS point gives the municipality; only the centre of its 1 km grid cell \
            is kept ([privacy] in territorio.toml: points = "none" keeps nothing, cell_size_m a \
            larger cell).

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

    @Option(
        help: """
            Write the rejected rows, with their reasons, to this CSV file (when both forms have some: \
            OUT-user.csv and OUT-operator.csv).
            """)
    var rejected: String?

    @Flag(help: "Keep rows about municipalities outside the consortium (rejected by default).")
    var allowOutside = false

    @Flag(help: "Keep submission, questionnaire and period dates after today, up to a year ahead (else rejected).")
    var allowFuture = false

    @Flag(help: "Paper rows whose questionnaire is stored with other answers correct it (the old one is archived).")
    var correction = false

    @Option(help: "The organisation that collected the paper questionnaires of files without a source column.")
    var source: String?

    @Option(help: "Settings (TOML, [privacy]); default: territorio.toml next to the database.")
    var config: String?

    @Option(help: "The survey round the files belong to (default: each submission's round by its date).")
    var round: String?

    func run() async throws {
        var worst: ExitCode = .success
        var summaries: [IngestSummary] = []
        var groups: [SurveyForm.Kind: RejectedRows] = [:]
        let privacy: LocationPrivacy
        var opened: StoreOpener.AnyStore?
        try await reportingFailures { opened = try await global.existingAnyStore() }
        guard let store = opened else { throw ExitCode.failure }
        do {
            privacy = try global.locationPrivacy(explicit: config)
        } catch {
            say(text("error", ("message", describe(error))))
            throw ExitCode.failure
        }
        if let round {
            do {
                let all = try await store.rounds()
                guard all.contains(where: { $0.name == round }) else {
                    throw RoundError.unknown(round, known: all.map(\.name))
                }
            } catch {
                say(text("error", ("message", describe(error))))
                throw Exit.invalidInput
            }
        }
        let resolver = try await store.municipalityResolver()
        let policy = IngestPolicy(
            allowOutside: allowOutside, allowFuture: allowFuture, correction: correction,
            source: source)
        for file in files {
            do {
                let (summary, rows) = try await ingest(
                    file, store: store, resolver: resolver, policy: policy,
                    privacy: privacy)
                summaries.append(summary)
                if let round, let batch = summary.batch, !dryRun { try await store.assignBatch(batch, to: round) }
                report(summary)
                if groups[rows.form] == nil { groups[rows.form] = rows } else { groups[rows.form]!.append(rows) }
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
        if let rejected, !writeRejected(SurveyForm.Kind.allCases.compactMap { groups[$0] }, to: rejected) {
            worst = ExitCode.failure
        }
        if json {
            print(try JSONOutput.text(summaries))
        }
        if worst != .success { throw worst }
    }

    private func ingest(
        _ file: String, store: StoreOpener.AnyStore, resolver: MunicipalityResolver, policy: IngestPolicy,
        privacy: LocationPrivacy
    ) async throws -> (IngestSummary, RejectedRows) {
        let showProgress = isatty(2) == 1 && !json
        let result = try await SurveyIngest.ingest(
            path: file, into: store, options: .init(form: form, dryRun: dryRun, policy: policy, privacy: privacy),
            resolver: resolver,
            progress: showProgress
                ? { done, total in
                    let pct = total > 0 ? done * 100 / total : 0
                    FileHandle.standardError.write(Data("\r\(file): \(pct)% ".utf8))
                } : nil)
        if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
        return result
    }

    /// One file per form with rejected rows; none when nothing was rejected. False on failure.
    private func writeRejected(_ groups: [RejectedRows], to path: String) -> Bool {
        let destinations = RejectedRows.destinations(groups, path: path)
        if destinations.isEmpty { say(text("msg3.ingest.no_rejected", ("file", path))) }
        for (file, rows) in destinations {
            do {
                let fellBack = try rows.write(to: file)
                say(
                    text(
                        "msg3.ingest.wrote_rejected", ("count", rows.rows.count), ("form", rows.form.rawValue),
                        ("file", file)))
                if fellBack {
                    let encoding = rows.format.encodingName
                    say(text("msg3.ingest.utf8_fallback", ("file", file), ("encoding", encoding)))
                }
            } catch {
                say(text("error", ("message", describe(error))))
                return false
            }
        }
        return true
    }

    private func report(_ s: IngestSummary) {
        let prefix = s.dryRun ? text("ingest.dry_run") + " " : ""
        let batch = s.batch.map { " " + text("ingest.batch", ("batch", String($0))) } ?? ""
        say(
            prefix
                + text(
                    "ingest.summary", ("file", s.file), ("form", s.form.rawValue),
                    ("dialect", s.dialect.rawValue), ("rows", s.rows), ("accepted", s.accepted),
                    ("duplicates", s.duplicates), ("conflicts", s.conflicts), ("rejected", s.rejected),
                    ("batch", batch)))
        if s.outdated > 0 { say(text("msg3.ingest.outdated", ("count", s.outdated))) }
        for note in s.notes { say(text("msg3.note", ("message", "\(s.file): \(note)"))) }
        if !s.droppedColumns.isEmpty { say(text("ingest.dropped", ("columns", listing(s.droppedColumns, limit: 8)))) }
        if !s.ignoredColumns.isEmpty { say(text("ingest.ignored", ("columns", listing(s.ignoredColumns, limit: 8)))) }
        if let points = s.points { say(text("msg3.note", ("message", "\(points)."))) }
        let conflicts = s.conflictNotes.map { text("msg3.conflict", ("message", rowLine($0))) }
        for line in Echo.capped(conflicts, limit: 10) { say(line) }
        let warnings = s.warnings.map { text("warning", ("message", rowLine($0))) }
        for line in Echo.capped(warnings, limit: 10) { say(line) }
        let rejections = s.rejections.map { text("rejected", ("message", rowLine($0))) }
        for line in Echo.capped(rejections, limit: 20) { say(line) }
        if s.releasedFromQuarantine > 0 {
            say(text("msg3.ingest.released", ("count", s.releasedFromQuarantine)))
        }
        if s.rejected > 0 && !s.dryRun { say(Self.quarantineNote) }
    }

    /// "row 12: reason; reason" with at most five reasons, however many the row has.
    private func rowLine(_ note: IngestSummary.RowNote) -> String {
        Messages.text("where.row", ("row", String(note.row))) + ": "
            + Echo.capped(note.messages, limit: 5).joined(separator: "; ")
    }

    static var quarantineNote: String { text("msg3.ingest.quarantine_note") }
}
