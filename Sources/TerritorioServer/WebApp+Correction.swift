import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// Ingests the corrected row through `territorio ingest`'s path: a one-row CSV in the row's
    /// own columns plus its `_territorio_id`, so that an accepted row takes its entry out of the
    /// quarantine, and a row still wrong replaces it (with the new reasons).
    func correctRow(_ request: Request, id: Int64) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        guard let row = try await store.quarantinedRow(id: id, visibleTo: Self.quarantineScope(session)),
            let token = try await store.quarantineToken(id: id)
        else {
            throw WebFailure.notFound
        }
        let form = try await urlEncodedFields(request)
        try checkCSRF(form["csrf"], session)
        let columns = try await correctionColumns(row, language: language(request))
        let values = columns.indices.map { form["v\($0)"] ?? "" }
        let folder = try Self.temporaryFolder("correction")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("correction.csv").path
        try AtomicFile.write(
            try CSVText.make(header: columns.map(\.name) + ["_territorio_id"], rows: [values + [token]]), to: path)
        let options = SurveyIngest.Options(
            form: SurveyForm.Kind(rawValue: row.form ?? ""),
            policy: IngestPolicy(source: Self.paperSource(form["source"], session)),
            privacy: settings.privacy, displayName: "\(row.file) (row \(row.row), corrected)",
            audit: (session.account.id, "quarantine.correct"))
        let summary: IngestSummary
        do {
            summary = try await SurveyIngest.ingest(path: path, into: store, options: options).0
        } catch let error as InputError {
            let message = error.lines(limit: 20).map { $0.replacingOccurrences(of: path, with: row.file) }
            return try await quarantineRowPage(request, id: id, error: message.joined(separator: "\n"))
        }
        if summary.rejected > 0, let batch = summary.batch,
            let again = try await store.quarantinedRows(batch: batch, visibleTo: nil).first
        {
            return Self.redirect("/quarantine/\(again.id)?notice=upload_still_rejected")
        }
        return Self.redirect("/quarantine?batch=\(row.batch)&notice=upload_corrected")
    }

    /// Deletes one quarantined row (audited).
    func clearRow(_ request: Request, id: Int64) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        try checkCSRF(try await form(request, as: TokenForm.self).csrf, session)
        guard let row = try await store.quarantinedRow(id: id, visibleTo: Self.quarantineScope(session)) else {
            throw WebFailure.notFound
        }
        try await store.clearQuarantinedRow(id: id, by: session.account)
        return Self.redirect("/quarantine?batch=\(row.batch)&notice=upload_cleared")
    }

    /// Deletes a batch's quarantined rows, or all of them (audited).
    func clearQuarantine(_ request: Request) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        let form = try await urlEncodedFields(request)
        try checkCSRF(form["csrf"], session)
        let batch = Self.cleaned(form["batch"]).flatMap { Int64($0) }
        // Emptying the whole quarantine (every organisation's rows) is an admin's decision.
        guard batch != nil || session.account.role == .admin else { throw WebFailure.forbidden }
        if let batch, let scope = Self.quarantineScope(session),
            try await store.quarantinedRows(batch: batch, visibleTo: scope).count
                != store.quarantinedRows(batch: batch).count
        {
            throw WebFailure.forbidden
        }
        try await store.clearQuarantine(batch: batch, by: session.account)
        return Self.redirect("/quarantine?notice=upload_cleared")
    }

    /// The fields of a URL-encoded POST whose names the page made up (`v0`, `v1`…), at most 64 KiB.
    func urlEncodedFields(_ request: Request) async throws -> [String: String] {
        try await formFields(request)
    }
}
