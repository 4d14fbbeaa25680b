import Foundation
import Hummingbird
import TerritorioKit

/// The fields of the service edit form.
struct ServiceForm: Decodable {
    var csrf: String?
    var name: String?
    var address: String?
    var phone: String?
    var email: String?
    var website: String?
    var openingHours: String?
    var eligibility: String?

    /// The form's field names (as the template writes them).
    enum CodingKeys: String, CodingKey {
        case csrf, name, address, phone, email, website, eligibility
        case openingHours = "opening_hours"
    }
}

extension WebApp {
    func addServiceRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/services") { request, _ in try self.serviceList(request) }
        router.get("/services/:id/edit") { request, context in
            try self.serviceEditPage(request, id: context.parameters.get("id") ?? "", error: nil)
        }
        router.post("/services/:id") { request, context in
            try await self.saveService(request, id: context.parameters.get("id") ?? "")
        }
    }

    /// Every service, for any signed-in account; edit links where the account may edit.
    func serviceList(_ request: Request) throws -> Response {
        let session = try require(request)
        let language = language(request)
        let rows: [[String: Any]] = try store.services().map { s in
            [
                "id": s.id, "name": s.name, "organisation": s.organization ?? "",
                "categories": s.categories.joined(separator: ", "), "hours": hoursText(s, language: language),
                "editable": session.account.mayEdit(s)
            ]
        }
        var extra: [String: Any] = ["services": rows]
        if let notice = request.uri.queryParameters["notice"], ["saved", "unchanged"].contains(String(notice)) {
            extra["notice"] = strings.text(String(notice), language)
        }
        return page("services", request, session: session, titleKey: "directory", extra: extra)
    }

    /// The service `id` when the signed-in account may edit it (403 otherwise, 404 when unknown).
    func editableService(_ request: Request, id: String) throws -> (SessionRecord, Service) {
        let session = try require(request, [.admin, .operator])
        guard let service = try store.services().first(where: { $0.id == id }) else { throw WebFailure.notFound }
        guard session.account.mayEdit(service) else { throw WebFailure.forbidden }
        return (session, service)
    }

    func serviceEditPage(_ request: Request, id: String, error: String?, edited: Service? = nil) throws -> Response {
        let (session, stored) = try editableService(request, id: id)
        let s = edited ?? stored
        let fields: [String: Any] = [
            "id": s.id, "name": s.name, "address": s.address ?? "", "phone": s.phone ?? "", "email": s.email ?? "",
            "website": s.website ?? "", "openingHours": s.openingHours ?? "", "eligibility": s.eligibility ?? ""
        ]
        var extra: [String: Any] = ["service": fields]
        if let error { extra["error"] = error }
        return page(
            "service_edit", request, session: session, titleKey: "edit",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
    }

    /// Saves the edit form: CSRF, permission, opening hours checked; the change is audited.
    func saveService(_ request: Request, id: String) async throws -> Response {
        let (session, stored) = try editableService(request, id: id)
        let form = try await form(request, as: ServiceForm.self)
        try checkCSRF(form.csrf, session)
        var s = stored
        func clean(_ v: String?) -> String? {
            let t = (v ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        }
        s.name = clean(form.name) ?? stored.name
        (s.address, s.phone, s.email, s.website) = (
            clean(form.address), clean(form.phone), clean(form.email),
            clean(form.website)
        )
        s.eligibility = clean(form.eligibility)
        s.openingHours = nil
        if let hours = clean(form.openingHours) {
            do { s.openingHours = try OpeningHours.parse(hours).description } catch {
                s.openingHours = hours
                let message = strings.text("invalid_hours", language(request)) + ": \(error)"
                return try serviceEditPage(request, id: id, error: message, edited: s)
            }
        }
        let changed = try store.updateService(s, by: session.account)
        return Self.redirect("/services?notice=" + (changed ? "saved" : "unchanged"))
    }
}
