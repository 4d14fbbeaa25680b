import Foundation
import Hummingbird
import TerritorioKit

/// The public self-report form (the user survey, no sign-in, no identity asked or kept) and the
/// operators' review queue: a self-report counts nowhere until an operator accepts it.
extension WebApp {
    static let selfReportCookie = "territorio_selfreport"
    /// Self-reports (sent or refused) one client may post per ``selfReportWindow``.
    static let selfReportLimit = 30
    static let selfReportWindow: TimeInterval = 3600

    func addSelfReportRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/self-report") { request, _ in try await self.selfReportPage(request, typed: [:], reasons: []) }
        router.post("/self-report") { request, _ in try await self.receiveSelfReport(request) }
        router.get("/review") { request, _ in try await self.selfReportQueuePage(request) }
        router.post("/review/:id/:decision") { request, context in
            try await self.review(
                request, id: context.parameters.get("id").flatMap { Int64($0) },
                decision: context.parameters.get("decision") ?? "")
        }
    }

    /// The client a request comes from, for the rate limit: behind a reverse proxy
    /// (``ServerSettings/trustForwardedFor``) the address it saw (the last of `X-Forwarded-For`),
    /// else one shared key. Kept in memory only, never stored or logged.
    func clientKey(_ request: Request) -> String {
        guard settings.trustForwardedFor else { return "direct" }
        let forwarded = request.headers[.init("X-Forwarded-For")!] ?? ""
        let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) ?? ""
        return last.isEmpty ? "direct" : last
    }

    /// The public form with a fresh form token (cookie and hidden field must match).
    func selfReportPage(
        _ request: Request, typed: [String: String], reasons: [String],
        status: HTTPResponse.Status? = nil
    ) async throws -> Response {
        let language = language(request)
        let view = EntryFormView(
            form: try await SurveyEntry.form(.user, store: store), language: language, typed: typed, reasons: reasons)
        let token = Self.randomToken()
        var extra: [String: Any] = [
            "action": "/self-report", "fields": view.fields(), "isUser": true, "formToken": token,
            "otherErrors": view.otherErrors(besides: []), "hasErrors": !reasons.isEmpty
        ]
        if request.uri.queryParameters["sent"] != nil, reasons.isEmpty {
            extra["notice"] = strings.text("entry_self_report_sent", language)
        }
        var response = page(
            "entry_form", request, session: nil, titleKey: "entry_self_report",
            status: status ?? (reasons.isEmpty ? .ok : .unprocessableContent), extra: extra)
        response.setCookie(cookie(Self.selfReportCookie, token, maxAge: 3600, path: "/self-report"))
        return response
    }

    /// Checks a self-report like any questionnaire and queues it for review.
    func receiveSelfReport(_ request: Request) async throws -> Response {
        let fields = try await repeatedFormFields(request)
        guard let token = fields["csrf"], let expected = request.cookies[Self.selfReportCookie]?.value,
            Self.same(token, expected)
        else { throw WebFailure.csrf }
        let client = clientKey(request)
        guard await !selfReportLimiter.isBlocked(client) else {
            let message = strings.text("entry_self_report_limited", language(request))
            return try await selfReportPage(request, typed: [:], reasons: [message], status: .tooManyRequests)
        }
        await selfReportLimiter.recordFailure(client)
        let form = try await SurveyEntry.form(.user, store: store)
        let values = EntryFormView.answers(fields, form: form)
        let meta: [SurveyColumns.Meta: String] = [
            .instanceID: UUID().uuidString.lowercased(), .submissionTime: Self.today()
        ]
        switch try await SurveyEntry.checkSelfReport(SurveyAnswers(values: values, meta: meta), store: store) {
        case .rejected(let reasons): return try await selfReportPage(request, typed: values, reasons: reasons)
        case .accepted(let submission, _):
            try await store.addSelfReport(submission)
            return Self.redirect("/self-report?sent=1")
        }
    }

    /// The review queue, for operators and admins.
    func selfReportQueuePage(_ request: Request, error: String? = nil) async throws -> Response {
        let session = try await require(request, [.admin, .operator])
        let language = language(request)
        let view = EntryFormView(form: try await SurveyEntry.form(.user, store: store), language: language)
        let names = try await store.municipalityResolver().municipalities
        let reports: [[String: Any]] = try await store.pendingSelfReports().map { r in
            [
                "id": String(r.id), "receivedOn": r.receivedOn,
                "answers": view.summary(r.submission, municipalityName: names[r.submission.municipality]?.name)
            ]
        }
        var extra: [String: Any] = ["reports": reports, "empty": reports.isEmpty]
        if let notice = request.uri.queryParameters["notice"], ["accepted", "discarded"].contains(String(notice)) {
            extra["notice"] = strings.text("entry_review_" + String(notice), language)
        }
        if let error { extra["error"] = error }
        return page(
            "entry_review", request, session: session, titleKey: "entry_review",
            status: error == nil ? .ok : .conflict, extra: extra)
    }

    /// Accepts or discards one pending self-report.
    func review(_ request: Request, id: Int64?, decision: String) async throws -> Response {
        let session = try await require(request, [.admin, .operator])
        try checkCSRF(try await formFields(request)["csrf"], session)
        guard let id else { throw WebFailure.notFound }
        switch decision {
        case "accept":
            switch try await SurveyEntry.acceptSelfReport(
                id, day: Self.today(), account: session.account.id, store: store)
            {
            case nil: throw WebFailure.notFound
            case .refused(let reasons)?:
                return try await selfReportQueuePage(request, error: reasons.joined(separator: "; "))
            case .stored?: return Self.redirect("/review?notice=accepted")
            }
        case "discard":
            guard try await store.discardSelfReport(id, by: session.account) else { throw WebFailure.notFound }
            return Self.redirect("/review?notice=discarded")
        default: throw WebFailure.notFound
        }
    }
}
