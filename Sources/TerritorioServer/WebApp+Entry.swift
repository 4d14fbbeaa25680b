import Foundation
import Hummingbird
import TerritorioKit

/// Survey entry by operators (and admins): the user and operator forms as web forms, checked
/// and stored like a row of `ingest` (``SurveyEntry``), one batch per account and day.
extension WebApp {
    /// The metadata fields an operator types with each questionnaire.
    static let entryMetaFields = ["questionnaire_id", "date"]

    func addEntryRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/entry") { request, _ in
            _ = try await self.require(request, [.admin, .operator])
            return Self.redirect("/entry/user")
        }
        router.get("/entry/:form") { request, context in
            try await self.entryPage(request, kind: Self.formKind(context), typed: [:], reasons: [])
        }
        router.post("/entry/:form") { request, context in
            try await self.enter(request, kind: Self.formKind(context))
        }
    }

    static func formKind(_ context: BasicRequestContext) throws -> SurveyForm.Kind {
        guard let kind = context.parameters.get("form").flatMap(SurveyForm.Kind.init(rawValue:)) else {
            throw WebFailure.notFound
        }
        return kind
    }

    /// Today (UTC) as YYYY-MM-DD: the day of an entry's batch.
    static func today() -> String { SurveyTime.today() }

    /// The empty form (with the confirmation of the last entry), or the refused one with what
    /// was typed and the reasons next to the fields.
    func entryPage(
        _ request: Request, kind: SurveyForm.Kind, typed: [String: String], reasons: [String]
    ) async throws -> Response {
        let session = try await require(request, [.admin, .operator])
        let language = language(request)
        let view = EntryFormView(
            form: try await SurveyEntry.form(kind, store: store), language: language, typed: typed, reasons: reasons)
        var extra: [String: Any] = [
            "action": "/entry/\(kind.rawValue)", "fields": view.fields(), "isUser": kind == .user,
            "source": session.account.organisation, "staff": true,
            "questionnaire": typed["questionnaire_id"] ?? "", "date": typed["date"] ?? "",
            "otherErrors": view.otherErrors(besides: ["questionnaire_id", "source", "date"]),
            "hasErrors": !reasons.isEmpty
        ]
        let questionnaireErrors = view.errors("questionnaire_id") + view.errors("source")
        extra["questionnaireErrors"] = questionnaireErrors
        extra["questionnaireInvalid"] = !questionnaireErrors.isEmpty
        extra["dateErrors"] = view.errors("date")
        extra["dateInvalid"] = !view.errors("date").isEmpty
        // Only a questionnaire number is echoed (a crafted link cannot put other words on the page).
        if let saved = request.uri.queryParameters["saved"], reasons.isEmpty, Self.isQuestionnaireNumber(saved) {
            extra["notice"] = strings.text("entry_saved", language) + " " + String(saved)
        }
        return page(
            "entry_form", request, session: session,
            titleKey: kind == .user ? "entry_user_form" : "entry_operator_form",
            status: reasons.isEmpty ? .ok : .unprocessableContent, extra: extra)
    }

    /// Checks and stores one typed questionnaire; on success the next empty form.
    func enter(_ request: Request, kind: SurveyForm.Kind) async throws -> Response {
        let session = try await require(request, [.admin, .operator])
        let fields = try await repeatedFormFields(request)
        try checkCSRF(fields["csrf"], session)
        let form = try await SurveyEntry.form(kind, store: store)
        let values = EntryFormView.answers(fields, form: form)
        var typed = values
        var meta: [SurveyColumns.Meta: String] = [.source: session.account.organisation]
        for (name, m) in [("questionnaire_id", SurveyColumns.Meta.questionnaireID), ("date", .date)] {
            if let v = fields[name] {
                meta[m] = v
                typed[name] = v
            }
        }
        let outcome = try await SurveyEntry.enter(
            SurveyAnswers(values: values, meta: meta), form: kind,
            batchFile: SurveyEntry.batchFile(account: session.account.name, day: Self.today()),
            account: session.account.id, store: store)
        switch outcome {
        case .stored:
            let number = URLComponent.encoded(meta[.questionnaireID] ?? "")
            return Self.redirect("/entry/\(kind.rawValue)?saved=\(number)")
        case .refused(let reasons):
            return try await entryPage(request, kind: kind, typed: typed, reasons: reasons)
        }
    }

    /// Up to 40 letters, digits, `.`, `_`, `/` or `-`: what a paper questionnaire's number is.
    static func isQuestionnaireNumber(_ text: Substring) -> Bool {
        (1...40).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._/-".unicodeScalars.contains($0))
            }
    }

    /// The fields of a URL-encoded POST (at most 64 KiB), repeated names (checkboxes) kept.
    func repeatedFormFields(_ request: Request) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return try FormFields(body: String(buffer: buffer))
    }
}
