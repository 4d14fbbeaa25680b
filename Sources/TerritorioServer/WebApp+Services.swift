import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// The columns of ``Service/columns`` that the service form edits; the others keep their value.
    static let serviceFormColumns = [
        "name", "address", "postal_code", "municipality", "lat", "lon", "phone", "email", "website",
        "opening_hours", "languages", "eligibility"
    ]

    func addServiceRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/services") { request, _ in try await self.serviceList(request) }
        router.get("/services/new") { request, _ in
            let session = try await self.require(request, [.admin, .operator])
            let fields = ["organization": session.account.organisation, "verified": "false", "source": "web app"]
            return try await self.serviceFormPage(request, session: session, fields: fields, isNew: true)
        }
        router.post("/services") { request, _ in
            try await self.submitService(
                request, session: try await self.require(request, [.admin, .operator]), stored: nil)
        }
        router.get("/services/:id/edit") { request, context in
            let (session, service) = try await self.editableService(request, id: URLComponent.parameter(context, "id"))
            return try await self.serviceFormPage(
                request, session: session, fields: Self.formFields(service), isNew: false)
        }
        router.post("/services/:id") { request, context in
            let (session, service) = try await self.editableService(request, id: URLComponent.parameter(context, "id"))
            return try await self.submitService(request, session: session, stored: service)
        }
        addVerificationRoutes(router)
    }

    /// The directory for any signed-in account: search by words, category and municipality;
    /// when and by whom each service was last verified; edit and verify links where allowed.
    func serviceList(_ request: Request) async throws -> Response {
        let session = try await require(request)
        let language = language(request)
        let search = ServiceSearch(request)
        let places = try await store.municipalityNames()
        let checks = try await store.lastVerifications()
        let labels = Dictionary(
            uniqueKeysWithValues: try await store.categories().map { ($0.code, $0.label(language)) })
        let rows = try await store.services().filter(search.matches).map { s in
            serviceRow(s, session: session, language: language, check: checks[s.id], labels: labels, places: places)
        }
        var extra: [String: Any] = [
            "services": rows, "q": search.text, "mayCreate": [.admin, .operator].contains(session.account.role),
            "categoryChoices": try await store.categories().map {
                ["code": $0.code, "label": $0.label(language), "selected": $0.code == search.category] as [String: Any]
            },
            "municipalityChoices": places.sorted { $0.value.name < $1.value.name }.map {
                ["code": $0.key, "name": $0.value.name, "selected": $0.key == search.municipality] as [String: Any]
            }
        ]
        if let notice = request.uri.queryParameters["notice"],
            ["saved", "unchanged", "services_created", "services_verified"].contains(String(notice))
        {
            extra["notice"] = strings.text(String(notice), language)
        }
        return page("services", request, session: session, titleKey: "directory", extra: extra)
    }

    /// One row of the directory and review pages.
    func serviceRow(
        _ s: Service, session: SessionRecord, language: String, check: ServiceVerification?,
        labels: [String: String], places: [String: (name: String, province: String?)]
    ) -> [String: Any] {
        var row: [String: Any] = [
            "id": s.id, "path": URLComponent.encoded(s.id), "name": s.name, "organisation": s.organization ?? "",
            "categories": s.categories.map { labels[$0] ?? $0 }.joined(separator: ", "),
            "municipality": s.municipality.flatMap { places[$0]?.name } ?? "",
            "hours": hoursText(s, language: language), "editable": session.account.mayEdit(s),
            "stale": ServiceVerification.isStale(last: check?.at, months: settings.staleAfterMonths)
        ]
        if let check {
            row["verifiedAt"] = String(check.timestamp.prefix(10))
            row["verifiedBy"] = check.account ?? "—"
        }
        return row
    }

    /// The service `id` when the signed-in account may edit it (403 otherwise, 404 when unknown).
    func editableService(_ request: Request, id: String) async throws -> (SessionRecord, Service) {
        let session = try await require(request, [.admin, .operator])
        guard let service = try await store.service(id: id) else { throw WebFailure.notFound }
        guard session.account.mayEdit(service) else { throw WebFailure.forbidden }
        return (session, service)
    }

    /// The stored service as the form's fields: a point that is only the municipality's centre
    /// is left out (the check puts it back when no point is given).
    static func formFields(_ s: Service) -> [String: String] {
        var fields = s.fields
        if s.locationApproximate {
            fields["lat"] = ""
            fields["lon"] = ""
        }
        return fields
    }

    /// Checks the posted form with the same ``ServiceCheck`` as `import services`; saves it
    /// (audited, kept in the history) unless it has problems or only a preview was asked for.
    func submitService(_ request: Request, session: SessionRecord, stored: Service?) async throws -> Response {
        let form = try await formFields(request)
        try checkCSRF(form["csrf"], session)
        let fields = mergedFields(form, session: session, stored: stored)
        let context = try await store.directoryContext()
        // A service imported with --allow-outside stays editable where it is.
        let outside =
            try stored.map { try context.municipality(containing: $0.location)?.inConsortium != true } ?? false
        let outcome = try ServiceCheck(context: context, allowOutside: outside)
            .check(ServiceFile.form(fields, source: "web form"))
        var problems = outcome.problems.map(\.description)
        // A new service never replaces one: the id is compared as the check reads it (trimmed),
        // the one the store would write.
        let newID = outcome.services.first?.id ?? fields["id"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        if stored == nil, let id = newID, try await store.service(id: id) != nil {
            problems.append(strings.text("services_id_taken", language(request)))
        }
        guard problems.isEmpty, let service = outcome.services.first, form["action"] != "preview" else {
            return try await serviceFormPage(
                request, session: session, fields: fields, isNew: stored == nil, problems: problems,
                warnings: outcome.warnings.map(\.description))
        }
        let changed = try await store.updateService(service, by: session.account)
        let notice = stored == nil ? "services_created" : (changed ? "saved" : "unchanged")
        return Self.redirect("/services?notice=" + notice)
    }

    /// The service's fields with the form's over them: categories from the ticked boxes, the
    /// organisation the admin chose (an operator's own organisation otherwise).
    func mergedFields(_ form: [String: String], session: SessionRecord, stored: Service?) -> [String: String] {
        var fields = stored.map(Self.formFields) ?? ["verified": "false", "source": "web app"]
        for column in Self.serviceFormColumns { fields[column] = form[column] ?? "" }
        fields["id"] = stored?.id ?? form["id"] ?? ""
        fields["categories"] = form.keys.filter { $0.hasPrefix("category_") }.map { String($0.dropFirst(9)) }
            .sorted().joined(separator: ";")
        fields["organization"] =
            session.account.role == .admin ? (form["organization"] ?? "") : session.account.organisation
        fields["location_approximate"] = "false"
        return fields
    }

    /// The create or edit form with `fields`, the problems found (422) and a preview of the
    /// opening hours in the page's language.
    func serviceFormPage(
        _ request: Request, session: SessionRecord, fields: [String: String], isNew: Bool,
        problems: [String] = [], warnings: [String] = []
    ) async throws -> Response {
        let language = language(request)
        let ticked = Set((fields["categories"] ?? "").split(separator: ";").map(String.init))
        var extra: [String: Any] = [
            // Every field present, empty ones as "": a missing key would make the template take the
            // page's value of the same name (`languages` is also the language switch).
            "service": fields.merging((Self.serviceFormColumns + ["id"]).map { ($0, "") }) { kept, _ in kept },
            "isNew": isNew, "problems": problems, "warnings": warnings,
            "hasProblems": !problems.isEmpty, "hasWarnings": !warnings.isEmpty,
            "formAction": isNew ? "/services" : "/services/" + URLComponent.encoded(fields["id"] ?? ""),
            "categoryChoices": try await store.categories().map {
                ["code": $0.code, "label": $0.label(language), "checked": ticked.contains($0.code)] as [String: Any]
            },
            "municipalities": try await store.municipalityNames().sorted { $0.key < $1.key }.map {
                ["code": $0.key, "name": $0.value.name]
            }
        ]
        if session.account.role == .admin {
            extra["organisationChoices"] = try await organisationChoices(selected: fields["organization"] ?? "")
        } else {
            extra["fixedOrganisation"] = session.account.organisation
        }
        if let text = fields["opening_hours"], !text.isEmpty, let hours = try? OpeningHours.parse(text) {
            extra["hoursPreview"] = OpeningHoursText.describe(hours, language: language)
        }
        return page(
            "service_edit", request, session: session, titleKey: isNew ? "services_new" : "edit",
            status: problems.isEmpty ? .ok : .unprocessableContent, extra: extra)
    }

    /// The organisations an admin may give a service: none, the known ones, and `selected`.
    func organisationChoices(selected: String) async throws -> [[String: Any]] {
        var names = try await store.organisationSummaries().map(\.name)
        if !selected.isEmpty && !names.contains(selected) { names.append(selected) }
        return [["name": "", "label": "—", "selected": selected.isEmpty]]
            + names.map { ["name": $0, "label": $0, "selected": $0 == selected] }
    }

    /// The fields of a URL-encoded POST (at most 64 KiB), by name; a repeated name keeps its last value.
    func formFields(_ request: Request) async throws -> [String: String] {
        try await repeatedFormFields(request).values.compactMapValues(\.last)
    }
}
