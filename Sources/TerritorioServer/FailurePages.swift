import Hummingbird

/// Turns a refused request into its page: a redirect to sign-in for a page read without a
/// session, otherwise the error page with the status (401, 403, 404, 400); unknown paths get
/// the 404 page too, so that they carry the security headers.
struct FailurePages: RouterMiddleware {
    typealias Context = BasicRequestContext
    let app: WebApp

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return await failurePage(WebFailure.notFound, request)
        } catch let failure as WebFailure {
            if failure.kind == .signInRequired && request.method == .get && !request.uri.path.hasPrefix("/ogc") {
                return WebApp.redirect("/signin")
            }
            return await failurePage(failure, request)
        }
    }

    func failurePage(_ failure: WebFailure, _ request: Request) async -> Response {
        let session = try? await app.session(request)
        let language = app.language(request)
        return app.page(
            "error", request, session: session, titleKey: failure.messageKey, status: failure.status,
            extra: [
                "status": "\(failure.status.code)",
                "message": app.strings.text(failure.messageKey, language)
            ])
    }
}
