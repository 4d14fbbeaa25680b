import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// Who may upload survey exports and review the quarantine.
    static let uploadRoles: Set<AccountRole> = [.admin, .operator]

    func addUploadRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/upload") { request, _ in try await self.uploadPage(request) }
        router.post("/upload") { request, _ in try await self.upload(request) }
        addQuarantineRoutes(router)
        addExportRoutes(router)
        addAuditRoutes(router)
    }

    /// The upload form (with an error, when an upload was refused).
    func uploadPage(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let session = try await require(request, Self.uploadRoles)
        var extra: [String: Any] = ["limit": limitText]
        if let error { extra["error"] = error }
        return page("upload_form", request, session: session, titleKey: "upload_title", status: status, extra: extra)
    }

    /// Receives an export (streamed to a temporary file, size-limited, CSRF checked before the
    /// file is written) and ingests it as `territorio ingest` does; the summary is the page.
    func upload(_ request: Request) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        let folder = try Self.temporaryFolder("upload")
        defer { try? FileManager.default.removeItem(at: folder) }
        let received: MultipartUpload
        do {
            received = try await MultipartUpload.read(request, limit: settings.uploadLimit, folder: folder) {
                try self.checkCSRF($0["csrf"], session)
            }
        } catch MultipartUpload.Failure.tooLarge {
            let message = strings.text("upload_too_large", language(request))
                .replacingOccurrences(of: "{limit}", with: limitText)
            return try await uploadPage(request, error: message, status: .contentTooLarge)
        } catch MultipartUpload.Failure.malformed {
            throw WebFailure.badRequest
        }
        try checkCSRF(received.fields["csrf"], session)
        guard let name = received.fileName, received.fileBytes > 0 else {
            return try await uploadPage(
                request, error: strings.text("upload_no_file", language(request)), status: .badRequest)
        }
        let options = SurveyIngest.Options(
            form: SurveyForm.Kind(rawValue: received.fields["form"] ?? ""),
            policy: IngestPolicy(source: Self.paperSource(received.fields["source"], session)),
            privacy: settings.privacy,
            displayName: name, audit: (session.account.id, "survey.upload"))
        do {
            let (summary, _) = try await SurveyIngest.ingest(path: received.filePath, into: store, options: options)
            return try await summaryPage(request, session: session, summary: summary)
        } catch let error as InputError {
            let lines = error.lines(limit: 20).map { $0.replacingOccurrences(of: received.filePath, with: name) }
            return try await uploadPage(request, error: lines.joined(separator: "\n"), status: .unprocessableContent)
        }
    }

    /// The summary of an upload: counts, batch, notes, and its rows now in quarantine.
    func summaryPage(_ request: Request, session: SessionRecord, summary s: IngestSummary) async throws -> Response {
        let counts: [[String: Any]] = [
            ("upload_rows", s.rows), ("upload_accepted", s.accepted), ("upload_duplicates", s.duplicates),
            ("upload_conflicts", s.conflicts), ("upload_rejected", s.rejected),
            ("upload_released", s.releasedFromQuarantine)
        ].map { ["label": strings.text($0.0, language(request)), "value": "\($0.1)"] }
        var extra: [String: Any] = [
            "file": s.file, "form": s.form.rawValue, "dialect": s.dialect.rawValue, "counts": counts,
            "notes": s.notes + s.conflictNotes.map { rowNote($0, request) },
            "warnings": s.warnings.map { rowNote($0, request) }
        ]
        if !s.droppedColumns.isEmpty { extra["dropped"] = s.droppedColumns.joined(separator: ", ") }
        if let points = s.points { extra["points"] = points }
        if let batch = s.batch {
            let rows = try await store.quarantinedRows(batch: batch, visibleTo: Self.quarantineScope(session)).map(
                Self.quarantineLine)
            (extra["batch"], extra["rows"], extra["hasRows"]) = ("\(batch)", rows, !rows.isEmpty)
        }
        return page("upload_summary", request, session: session, titleKey: "upload_summary", extra: extra)
    }

    /// The upload limit as people read it: "20 MB", or "512 KB" under a megabyte.
    var limitText: String {
        let limit = settings.uploadLimit
        return limit >= 1024 * 1024 ? "\(limit / (1024 * 1024)) MB" : "\(max(1, limit / 1024)) KB"
    }

    /// "row 12: reason; reason" in the page's language.
    func rowNote(_ note: IngestSummary.RowNote, _ request: Request) -> String {
        strings.text("upload_row", language(request)) + " \(note.row): " + note.messages.joined(separator: "; ")
    }

    /// A quarantined row for the tables: id, batch, file, row, form and every reason.
    static func quarantineLine(_ r: QuarantinedRow) -> [String: Any] {
        [
            "id": "\(r.id)", "batch": "\(r.batch)", "file": r.file, "row": "\(r.row)", "form": r.form ?? "",
            "reasons": r.reasons
        ]
    }

    /// Whose quarantined rows `session` sees: an operator its own organisation's batches, an admin
    /// every batch (nil).
    static func quarantineScope(_ session: SessionRecord) -> String? {
        session.account.role == .admin ? nil : session.account.organisation
    }

    /// The organisation paper questionnaires without a `source` column are filed under: an
    /// operator's own (whatever the form says, as in survey entry), the one an admin names.
    static func paperSource(_ typed: String?, _ session: SessionRecord) -> String? {
        session.account.role == .admin ? cleaned(typed) : session.account.organisation
    }

    /// A fresh private folder for one request's temporary files.
    static func temporaryFolder(_ purpose: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-\(purpose)-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// `value` without surrounding white space; nil when nothing is left.
    static func cleaned(_ value: String?) -> String? {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
