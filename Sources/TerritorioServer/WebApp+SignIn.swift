import Foundation
import Hummingbird
import HummingbirdBcrypt
import TerritorioKit

/// The sign-in form's fields.
struct SignInForm: Decodable {
    var csrf: String?
    var name: String?
    var password: String?
}

/// A form that carries only its CSRF token.
struct TokenForm: Decodable {
    var csrf: String?
}

extension WebApp {
    func addSignInRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/signin") { request, _ in self.signInPage(request, error: nil, status: .ok) }
        router.post("/signin") { request, _ in try await self.signIn(request) }
        router.post("/signout") { request, _ in try await self.signOut(request) }
    }

    /// The sign-in form, with a fresh pre-session CSRF token (cookie and hidden field must match).
    func signInPage(_ request: Request, error: String?, status: HTTPResponse.Status) -> Response {
        let token = Self.randomToken()
        var extra: [String: Any] = ["formToken": token]
        if let error { extra["error"] = strings.text(error, language(request)) }
        var response = page("signin", request, session: nil, titleKey: "sign_in", status: status, extra: extra)
        response.setCookie(cookie(Self.signInCookie, token, maxAge: 3600, path: "/signin"))
        return response
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await form(request, as: SignInForm.self)
        guard let token = form.csrf, let expected = request.cookies[Self.signInCookie]?.value,
            Self.same(token, expected)
        else { throw WebFailure.csrf }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard await !limiter.isBlocked(name) else {
            return signInPage(request, error: "sign_in_limited", status: .tooManyRequests)
        }
        let found = try await store.account(named: name)
        let password = form.password ?? ""
        let hash = found?.passwordHash ?? decoyHash
        let valid = await Task.detached { Bcrypt.verify(password, hash: hash) }.value
        guard let account = found?.account, valid else {
            await limiter.recordFailure(name)
            return signInPage(request, error: "sign_in_failed", status: .unauthorized)
        }
        await limiter.reset(name)
        let sessionToken = Self.randomToken()
        try await store.createSession(
            tokenHash: Self.hash(sessionToken), account: account, csrf: Self.randomToken(),
            expiresAt: Date().addingTimeInterval(settings.sessionLifetime))
        var response = Self.redirect("/services")
        response.setCookie(cookie(Self.sessionCookie, sessionToken, maxAge: Int(settings.sessionLifetime)))
        response.setCookie(cookie(Self.signInCookie, "", maxAge: 0, path: "/signin"))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        let session = try await require(request)
        try checkCSRF(try await form(request, as: TokenForm.self).csrf, session)
        if let token = request.cookies[Self.sessionCookie]?.value {
            try await store.deleteSession(tokenHash: Self.hash(token), account: session.account)
        }
        var response = Self.redirect("/")
        response.setCookie(cookie(Self.sessionCookie, "", maxAge: 0))
        return response
    }
}
