import Hummingbird

/// Drops what the app caches of the published figures after every request that may have written
/// (any method but GET and HEAD), so that the map and the OGC API show an edit as soon as it is saved.
struct WriteInvalidation<Context: RequestContext>: RouterMiddleware {
    let invalidate: @Sendable () -> Void

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method != .get && request.method != .head else { return try await next(request, context) }
        defer { invalidate() }
        return try await next(request, context)
    }
}
