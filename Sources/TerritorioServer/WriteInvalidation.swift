import Hummingbird

/// Drops the cached published report after every request that may have written (any method but
/// GET and HEAD), so that the map and the OGC API show an edit as soon as it is saved.
struct WriteInvalidation<Context: RequestContext>: RouterMiddleware {
    let cache: PublishedReportCache

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get && request.method != .head else { return try await next(request, context) }
        defer { cache.invalidate() }
        return try await next(request, context)
    }
}
