import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    func addQuarantineRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/quarantine") { request, _ in try await self.quarantineList(request) }
        router.post("/quarantine/clear") { request, _ in try await self.clearQuarantine(request) }
        router.get("/quarantine/:id") { request, context in
            try await self.quarantineRowPage(request, id: Int64(context.parameters.get("id") ?? "") ?? -1)
        }
        router.post("/quarantine/:id") { request, context in
            try await self.correctRow(request, id: Int64(context.parameters.get("id") ?? "") ?? -1)
        }
        router.post("/quarantine/:id/clear") { request, context in
            try await self.clearRow(request, id: Int64(context.parameters.get("id") ?? "") ?? -1)
        }
    }

    /// The quarantine, or one batch's part of it (`?batch=`).
    func quarantineList(_ request: Request) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        let batch = request.uri.queryParameters["batch"].flatMap { Int64(String($0)) }
        let rows = try await store.quarantinedRows(batch: batch, visibleTo: Self.quarantineScope(session)).map(
            Self.quarantineLine)
        var extra: [String: Any] = ["rows": rows, "hasRows": !rows.isEmpty]
        if let batch { extra["batch"] = "\(batch)" }
        if let notice = request.uri.queryParameters["notice"], Self.quarantineNotices.contains(String(notice)) {
            extra["notice"] = strings.text(String(notice), language(request))
        }
        return page("upload_quarantine", request, session: session, titleKey: "upload_quarantine", extra: extra)
    }

    static let quarantineNotices: Set<String> = ["upload_corrected", "upload_cleared", "upload_still_rejected"]

    /// One quarantined row: where it came from, its reasons, and its correction form.
    func quarantineRowPage(_ request: Request, id: Int64, error: String? = nil) async throws -> Response {
        let session = try await require(request, Self.uploadRoles)
        guard let row = try await store.quarantinedRow(id: id, visibleTo: Self.quarantineScope(session)) else {
            throw WebFailure.notFound
        }
        let columns = try await correctionColumns(row, language: language(request))
        var extra: [String: Any] = [
            "id": "\(row.id)", "row": Self.quarantineLine(row), "needsSource": Self.needsSource(row),
            "columns": columns.enumerated().map { i, c in
                ["field": "v\(i)", "name": c.name, "label": c.label, "value": c.value, "bad": c.bad] as [String: Any]
            }
        ]
        if let error { extra["error"] = error }
        if let notice = request.uri.queryParameters["notice"], Self.quarantineNotices.contains(String(notice)) {
            extra["notice"] = strings.text(String(notice), language(request))
        }
        return page(
            "upload_row", request, session: session, titleKey: "upload_correct_title",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
    }

    /// The columns of the correction form: every question of the row's form (the columns the row
    /// had, or the question's own name), then its other kept columns (instance id, dates).
    func correctionColumns(_ row: QuarantinedRow, language: String) async throws -> [CorrectionColumn] {
        let keys = row.values.keys.sorted()
        let kind = SurveyForm.Kind(rawValue: row.form ?? "") ?? .user
        let columns = SurveyColumns.analyse(header: keys, forms: try await SurveyIngest.forms(in: store), forced: kind)
        var out: [CorrectionColumn] = []
        for field in columns.form.fields {
            let held = keys.indices.filter { Self.question(of: columns.roles[$0]) == field.name }.map { keys[$0] }
            for name in held.isEmpty ? [field.name] : held {
                let label = field.labels[language] ?? field.labels["en"] ?? field.name
                out.append(.init(name: name, label: label, value: row.values[name] ?? "", bad: false))
            }
        }
        let shown = Set(out.map(\.name))
        out += keys.filter { !shown.contains($0) }.map {
            .init(name: $0, label: $0, value: row.values[$0] ?? "", bad: false)
        }
        let questions = Dictionary(keys.indices.map { (keys[$0], Self.question(of: columns.roles[$0])) }) { a, _ in a }
        for i in out.indices {
            let names = [out[i].name, questions[out[i].name].flatMap { $0 } ?? out[i].name]
            out[i].bad = row.reasons.contains { r in names.contains { r.hasPrefix($0 + ":") || r.contains("'\($0)'") } }
        }
        return out
    }

    /// The question a column answers, or nil for metadata.
    static func question(of role: SurveyColumns.Role) -> String? {
        switch role {
        case .field(let name), .choiceFlag(let name, _), .geo(let name, _): name
        default: nil
        }
    }

    /// Whether a paper row lacks the organisation that collected it (the upload gave it as a
    /// form field): the correction form then asks for it again.
    static func needsSource(_ row: QuarantinedRow) -> Bool {
        row.form == SurveyForm.Kind.user.rawValue && row.values["questionnaire_id"] != nil
            && row.values["source"] == nil
    }
}
