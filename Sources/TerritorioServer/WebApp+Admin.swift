import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// The admin pages: accounts, organisations, taxonomy. Every route is for admins only (403
    /// otherwise), every POST checks the CSRF token, every write is audited by the store.
    func addAdminRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/admin/accounts") { request, _ in
            try await self.accountsPage(request, session: try await self.require(request, [.admin]))
        }
        router.post("/admin/accounts") { request, _ in try await self.createAccount(request) }
        router.post("/admin/accounts/:id/:change") { request, context in
            try await self.changeAccount(
                request, id: Int64(context.parameters.get("id") ?? "") ?? -1,
                change: context.parameters.get("change") ?? "")
        }
        router.get("/admin/organisations") { request, _ in
            try await self.organisationsPage(request, session: try await self.require(request, [.admin]))
        }
        router.post("/admin/organisations") { request, _ in try await self.addOrganisation(request) }
        router.get("/admin/categories") { request, _ in
            try await self.categoriesPage(request, session: try await self.require(request, [.admin]))
        }
        router.post("/admin/categories") { request, _ in try await self.saveCategory(request) }
    }

    /// The session of an admin's POST, after its CSRF token is checked, and the form's fields.
    func adminForm(_ request: Request) async throws -> (SessionRecord, [String: String]) {
        let session = try await require(request, [.admin])
        let form = try await formFields(request)
        try checkCSRF(form["csrf"], session)
        return (session, form)
    }

    func accountsPage(
        _ request: Request, session: SessionRecord, notice: [String: String]? = nil, error: String? = nil
    ) async throws -> Response {
        let organisations = try await store.organisationSummaries().map(\.name)
        let accounts: [[String: Any]] = try await store.accountSummaries().map { summary in
            let a = summary.account
            return [
                "id": "\(a.id)", "name": a.name, "organisation": a.organisation, "role": a.role.rawValue,
                "disabled": summary.disabled, "createdAt": summary.createdAt, "isSelf": a.id == session.account.id,
                "roles": AccountRole.allCases.map { ["value": $0.rawValue, "selected": $0 == a.role] as [String: Any] },
                "organisations": organisations.map { ["name": $0, "selected": $0 == a.organisation] as [String: Any] }
            ]
        }
        var extra: [String: Any] = [
            "accounts": accounts, "roles": AccountRole.allCases.map(\.rawValue),
            "organisations": organisations
        ]
        if let notice { extra["password"] = notice }
        if let error { extra["error"] = error }
        var response = page(
            "services_admin_accounts", request, session: session, titleKey: "services_admin_accounts",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
        // A page that shows a password is not kept by the browser or a proxy.
        if notice != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Creates an account with a generated password, shown once on the page.
    func createAccount(_ request: Request) async throws -> Response {
        let (session, form) = try await adminForm(request)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let organisation = form["organisation"] ?? ""
        guard let role = form["role"].flatMap(AccountRole.init),
            try await store.organisationSummaries().contains(where: { $0.name == organisation })
        else {
            return try await accountsPage(request, session: session, error: adminError(request, AccountError.emptyName))
        }
        let password = Passwords.generate()
        let hash = await hashed(password)
        do {
            try await store.addAccount(
                name: name, organisation: organisation, role: role, passwordHash: hash, by: session.account.id)
        } catch let error as AccountError {
            return try await accountsPage(request, session: session, error: adminError(request, error))
        }
        return try await accountsPage(request, session: session, notice: ["account": name, "password": password])
    }

    /// Disables, enables, resets the password of, or changes the role and organisation of an
    /// account; each ends the account's sessions. An admin cannot disable itself or give up its role.
    func changeAccount(_ request: Request, id: Int64, change: String) async throws -> Response {
        let (session, form) = try await adminForm(request)
        guard let target = try await store.accountSummaries().first(where: { $0.account.id == id }) else {
            throw WebFailure.notFound
        }
        switch change {
        case "disable", "enable":
            guard target.account.id != session.account.id else {
                return try await accountsPage(
                    request, session: session, error: strings.text("services_admin_self", language(request)))
            }
            try await store.setAccountDisabled(id, change == "disable", by: session.account)
        case "password":
            let password = Passwords.generate()
            try await store.setPasswordHash(id, await hashed(password), by: session.account)
            return try await accountsPage(
                request, session: session, notice: ["account": target.account.name, "password": password])
        case "role":
            guard let role = form["role"].flatMap(AccountRole.init),
                try await store.organisationSummaries().contains(where: { $0.name == form["organisation"] })
            else { throw WebFailure.badRequest }
            guard target.account.id != session.account.id || role == .admin else {
                return try await accountsPage(
                    request, session: session, error: strings.text("services_admin_self", language(request)))
            }
            try await store.setAccountRole(
                id, role: role, organisation: form["organisation"] ?? "", by: session.account)
        default:
            throw WebFailure.notFound
        }
        return Self.redirect("/admin/accounts")
    }

    /// A bcrypt hash of `password` at the accounts' cost, computed off the request's thread.
    func hashed(_ password: String) async -> String {
        let cost = settings.bcryptCost
        return await Task.detached { Passwords.hash(password, cost: cost) }.value
    }

    func adminError(_ request: Request, _ error: AccountError) -> String {
        let key =
            switch error {
            case .duplicate: "services_admin_duplicate_account"
            case .duplicateOrganisation: "services_admin_duplicate_organisation"
            case .emptyName: "services_admin_incomplete"
            }
        return strings.text(key, language(request))
    }

    func organisationsPage(_ request: Request, session: SessionRecord, error: String? = nil) async throws -> Response {
        let rows: [[String: Any]] = try await store.organisationSummaries().map {
            ["name": $0.name, "accounts": "\($0.accounts)", "services": "\($0.services)"]
        }
        var extra: [String: Any] = ["organisations": rows]
        if let error { extra["error"] = error }
        return page(
            "services_admin_organisations", request, session: session, titleKey: "services_admin_organisations",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
    }

    func addOrganisation(_ request: Request) async throws -> Response {
        let (session, form) = try await adminForm(request)
        do {
            try await store.addOrganisation(form["name"] ?? "", by: session.account)
        } catch let error as AccountError {
            return try await organisationsPage(request, session: session, error: adminError(request, error))
        }
        return Self.redirect("/admin/organisations")
    }
}
