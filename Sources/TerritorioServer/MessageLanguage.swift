import Hummingbird
import TerritorioKit

/// Gives every request the messages of its page's language: what the library says while it
/// handles the request (an ingest's reasons, a check's errors) comes in the language the person
/// reads, whatever other requests are doing at the same time (``Messages/speaking(_:_:)``).
struct MessageLanguage<Context: RequestContext>: RouterMiddleware {
    let languageOf: @Sendable (Request) -> String

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await Messages.speaking(languageOf(request)) { try await next(request, context) }
    }
}
