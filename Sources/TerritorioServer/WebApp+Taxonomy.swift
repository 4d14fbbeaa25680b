import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// The taxonomy, with a form to add a category or rename one (its labels and descriptions;
    /// the code stays): `?code=` fills the form with that category.
    func categoriesPage(
        _ request: Request, session: SessionRecord, edited: Category? = nil, problems: [String] = []
    ) async throws -> Response {
        let language = language(request)
        let categories = try await store.categories()
        let chosen = request.uri.queryParameters["code"].map(String.init)
        let form = edited ?? categories.first { $0.code == chosen }
        var fields: [String: String] = ["code": form?.code ?? ""]
        for l in Category.languages {
            fields["label_\(l)"] = form?.labels[l] ?? ""
            fields["description_\(l)"] = form?.descriptions[l] ?? ""
        }
        let rows: [[String: Any]] = categories.map { c in
            [
                "code": c.code, "query": URLComponent.encoded(c.code), "label": c.label(language),
                "labels": Category.languages.map { c.labels[$0] ?? "" }
            ]
        }
        return page(
            "services_admin_categories", request, session: session, titleKey: "services_admin_categories",
            status: problems.isEmpty ? .ok : .unprocessableContent,
            extra: [
                "categories": rows, "form": fields, "problems": problems, "hasProblems": !problems.isEmpty
            ])
    }

    /// Adds or renames a category, checked by the rules of the taxonomy file (code, labels).
    func saveCategory(_ request: Request) async throws -> Response {
        let (session, form) = try await adminForm(request)
        var category = Category(
            code: (form["code"] ?? "").trimmingCharacters(in: .whitespaces), labels: [:], descriptions: [:])
        for l in Category.languages {
            category.labels[l] = (form["label_\(l)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            category.descriptions[l] = (form["description_\(l)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var problems = Category.codeProblem(category.code).map { [InputProblem(.file, field: "code", $0)] } ?? []
        problems += Category.emptyLabels(category).map { InputProblem(.file, field: $0, Category.emptyLabelMessage) }
        guard problems.isEmpty else {
            return try await categoriesPage(
                request, session: session, edited: category, problems: problems.map(\.description))
        }
        try await store.saveCategory(category, by: session.account)
        return Self.redirect("/admin/categories")
    }
}
