import Crypto
import Foundation
import TerritorioCore

/// Survey answers typed in the web app: checked by the same ``SubmissionReader`` as `ingest`
/// (the same messages), written by the same ``SubmissionWriter``. An operator's entries of one
/// day form one batch (source "web"), keyed like paper questionnaires (`paper/<organisation>/
/// <number>`), so a questionnaire typed twice is refused, never stored over the first.
public enum SurveyEntry {
    public enum Outcome: Sendable, Equatable {
        /// Stored under `uuid` in `batch`, with the reader's warnings.
        case stored(uuid: String, batch: Int64, warnings: [String])
        /// Not stored: the reasons, as `ingest` gives them for a row.
        case refused([String])
    }

    /// The metadata an operator types with a paper questionnaire (the source is their organisation).
    public static let entryMeta: [SurveyColumns.Meta] = [.questionnaireID, .source, .date]
    /// The metadata of a self-report: a random instance id and the day it was sent.
    public static let selfReportMeta: [SurveyColumns.Meta] = [.instanceID, .submissionTime]

    /// The form `kind` of this database (its consortium's municipalities, its taxonomy).
    public static func form(_ kind: SurveyForm.Kind, store: any WebStore) async throws -> SurveyForm {
        try await SurveyIngest.forms(in: store).first { $0.kind == kind }!
    }

    /// The reader of answers typed for `kind`, as `ingest` reads a file of the same form.
    public static func reader(
        _ kind: SurveyForm.Kind, store: any WebStore, dialect: SurveyColumns.Dialect, meta: [SurveyColumns.Meta]
    ) async throws -> SubmissionReader {
        let columns = SurveyColumns.entry(form: try await form(kind, store: store), dialect: dialect, meta: meta)
        return SubmissionReader(
            columns: columns, resolver: try await store.municipalityResolver(),
            categories: Set(try await store.categories().map(\.code)))
    }

    /// The batch of `account`'s web entries on `day` (YYYY-MM-DD).
    public static func batchFile(account: String, day: String) -> String { "web: \(account), \(day)" }

    /// Checks `answers` and stores them in the batch `batchFile` (created on its first entry);
    /// the entry is recorded in the audit log as `account`'s (without its answers).
    public static func enter(
        _ answers: SurveyAnswers, form kind: SurveyForm.Kind, batchFile: String, account: Int64, store: any WebStore
    ) async throws -> Outcome {
        let reader = try await reader(kind, store: store, dialect: .web, meta: entryMeta)
        switch reader.read(answers) {
        case .rejected(let reasons): return .refused(reasons)
        case .accepted(let submission, let warnings):
            return try await write(
                submission, warnings: warnings, columns: reader.columns, batchFile: batchFile,
                audit: (account, "survey.enter", nil), store: store)
        }
    }

    /// Writes one checked submission through an ingest session that reuses the batch `batchFile`;
    /// commits only when it is stored.
    static func write(
        _ submission: Submission, warnings: [String], columns: SurveyColumns, batchFile: String,
        audit: (account: Int64, action: String, object: String?), store: any WebStore,
        then: @escaping (SubmissionWriter) throws -> [String]? = { _ in nil }
    ) async throws -> Outcome {
        let sha = Hex.string(SHA256.hash(data: Data(batchFile.utf8)))
        var s = submission
        s.location = s.location.flatMap(LocationPrivacy.standard.coarsen)
        return try await store.ingestSession { ledger in
            let writer = try SubmissionWriter(
                ledger, file: batchFile, sha256: sha, columns: columns, correction: false, reuseBatch: true)
            let row = writer.previousRows + 1
            let outcome = try writer.add(s, row: row, token: nil)
            guard let reasons = try refusal(outcome, s, writer: writer) ?? then(writer) else {
                try writer.finish(rows: 1)
                try writer.audit(
                    account: audit.account, action: audit.action, object: audit.object ?? "batch \(writer.batchID)")
                return (.stored(uuid: s.uuid, batch: writer.batchID, warnings: warnings), commit: true)
            }
            return (.refused(reasons), commit: false)
        }
    }

    /// Checks the answers of the public self-report form (the user survey); nothing is stored.
    public static func checkSelfReport(_ answers: SurveyAnswers, store: any WebStore) async throws
        -> SubmissionReader.Outcome
    {
        try await reader(.user, store: store, dialect: .selfReport, meta: selfReportMeta).read(answers)
    }

    /// Accepts the pending self-report `id`: its submission is stored in the "self-report" batch
    /// of `day`, the queue entry marked accepted, the audit log told (no answers), in one
    /// transaction. Nil when no such report is pending.
    public static func acceptSelfReport(_ id: Int64, day: String, account: Int64, store: any WebStore) async throws
        -> Outcome?
    {
        guard let report = try await store.pendingSelfReport(id) else { return nil }
        let columns = SurveyColumns.entry(
            form: try await form(.user, store: store), dialect: .selfReport, meta: selfReportMeta)
        return try await write(
            report.submission, warnings: [], columns: columns, batchFile: "self-report: \(day)",
            audit: (account, "self-report.accept", "self-report \(id)"), store: store
        ) { writer in try writer.markSelfReportAccepted(id, uuid: report.submission.uuid) }
    }

    /// Why the writer's `outcome` is not a new submission (nil when it is one).
    private static func refusal(_ outcome: SubmissionWriter.Outcome, _ s: Submission, writer: SubmissionWriter)
        -> [String]?
    {
        switch outcome {
        case .stored: return nil
        case .rejected(let reasons): return reasons
        case .duplicate, .outdated:
            let paper = IngestMessage.Paper(number: s.version.questionnaire ?? s.uuid, source: s.version.source ?? "")
            let place = writer.duplicateOf ?? IngestMessage.Place(file: "?", row: 0)
            return [IngestMessage.paperAlreadyStored(paper, stored: place)]
        case .conflict(let note): return [note]
        }
    }
}
