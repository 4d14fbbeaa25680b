import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    func addVerificationRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/services/review") { request, _ in try await self.staleServicesPage(request) }
        router.get("/services/:id/verify") { request, context in
            let (session, service) = try await self.editableService(request, id: URLComponent.parameter(context, "id"))
            return try await self.verifyPage(request, session: session, service: service, error: nil)
        }
        router.post("/services/:id/verify") { request, context in
            let (session, service) = try await self.editableService(request, id: URLComponent.parameter(context, "id"))
            return try await self.verify(request, session: session, service: service)
        }
        router.get("/services/:id/history") { request, context in
            try await self.historyPage(request, id: URLComponent.parameter(context, "id"))
        }
    }

    /// The services not verified in the last N months (the server's setting), never-verified first.
    func staleServicesPage(_ request: Request) async throws -> Response {
        let session = try await require(request)
        let language = language(request)
        let checks = try await store.lastVerifications()
        let places = try await store.municipalityNames()
        let labels = Dictionary(
            uniqueKeysWithValues: try await store.categories().map { ($0.code, $0.label(language)) })
        let due = try await store.services()
            .filter { ServiceVerification.isStale(last: checks[$0.id]?.at, months: settings.staleAfterMonths) }
            .sorted { (checks[$0.id]?.at ?? .distantPast) < (checks[$1.id]?.at ?? .distantPast) }
        let rows = due.map {
            serviceRow($0, session: session, language: language, check: checks[$0.id], labels: labels, places: places)
        }
        return page(
            "services_review", request, session: session, titleKey: "services_review",
            extra: ["services": rows, "months": "\(settings.staleAfterMonths)"])
    }

    /// The verify form, with the service's earlier checks.
    func verifyPage(_ request: Request, session: SessionRecord, service: Service, error: String?) async throws
        -> Response
    {
        let language = language(request)
        var extra: [String: Any] = [
            "service": ["id": service.id, "path": URLComponent.encoded(service.id), "name": service.name],
            "methods": ServiceVerification.Method.allCases.map {
                ["value": $0.rawValue, "label": strings.text("services_method_\($0.rawValue)", language)]
            },
            "outcomes": ServiceVerification.Outcome.allCases.map {
                ["value": $0.rawValue, "label": strings.text("services_outcome_\($0.rawValue)", language)]
            },
            "checks": try await checkRows(service.id, language: language)
        ]
        if let error { extra["error"] = error }
        return page(
            "services_verify", request, session: session, titleKey: "services_verify",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
    }

    func checkRows(_ id: String, language: String) async throws -> [[String: Any]] {
        try await store.verifications(of: id).map {
            [
                "at": $0.timestamp, "account": $0.account ?? "—", "note": $0.note ?? "",
                "method": strings.text("services_method_\($0.method.rawValue)", language),
                "outcome": strings.text("services_outcome_\($0.outcome.rawValue)", language)
            ]
        }
    }

    /// Records a check (CSRF, permission, a known method and outcome); audited.
    func verify(_ request: Request, session: SessionRecord, service: Service) async throws -> Response {
        let form = try await formFields(request)
        try checkCSRF(form["csrf"], session)
        guard let method = form["method"].flatMap(ServiceVerification.Method.init),
            let outcome = form["outcome"].flatMap(ServiceVerification.Outcome.init)
        else {
            let error = strings.text("services_verify_incomplete", language(request))
            return try await verifyPage(request, session: session, service: service, error: error)
        }
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await store.recordVerification(
            serviceID: service.id, method: method, outcome: outcome, note: note.isEmpty ? nil : note,
            by: session.account, at: Date())
        return Self.redirect("/services?notice=services_verified")
    }

    /// Every recorded change of service `id` (who, when, each changed field before and after)
    /// and its checks, newest first; for any signed-in account.
    func historyPage(_ request: Request, id: String) async throws -> Response {
        let session = try await require(request)
        let language = language(request)
        let changes = try await store.serviceHistory(after: nil).filter { $0.serviceID == id }
        let current = try await store.service(id: id)
        guard let name = current?.name ?? changes.last?.service?.name else { throw WebFailure.notFound }
        let rows: [[String: Any]] = changes.reversed().map { change in
            [
                "kind": strings.text("services_change_\(change.kind.rawValue)", language),
                "effective": change.effectiveDate == DirectoryHistory.baseline ? "—" : change.effectiveDate,
                "recorded": change.recordedAt, "source": change.source, "fields": Self.changedFields(change)
            ]
        }
        return page(
            "services_history", request, session: session, titleKey: "services_history",
            extra: [
                "service": ["id": id, "name": name], "changes": rows,
                "checks": try await checkRows(id, language: language)
            ])
    }

    /// The fields a change touched, each with its text before and after.
    static func changedFields(_ change: ServiceChange) -> [[String: String]] {
        let before = change.before?.fields ?? [:]
        let after = change.after?.fields ?? [:]
        let columns = change.kind == .updated ? change.fields : Service.columns
        return columns.compactMap { column in
            let (b, a) = (before[column] ?? "", after[column] ?? "")
            guard !(b.isEmpty && a.isEmpty) else { return nil }
            return ["field": column, "before": b, "after": a]
        }
    }
}
