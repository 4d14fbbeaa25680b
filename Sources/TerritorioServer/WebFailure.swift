import Hummingbird

/// A request the app refuses, rendered as an error page (or a redirect to sign-in).
struct WebFailure: Error {
    enum Kind: Sendable { case signInRequired, forbidden, notFound, badRequest, csrf }
    let kind: Kind

    static let signInRequired = WebFailure(kind: .signInRequired)
    static let forbidden = WebFailure(kind: .forbidden)
    static let notFound = WebFailure(kind: .notFound)
    static let badRequest = WebFailure(kind: .badRequest)
    static let csrf = WebFailure(kind: .csrf)

    var status: HTTPResponse.Status {
        switch kind {
        case .signInRequired: .unauthorized
        case .forbidden, .csrf: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        }
    }

    /// The catalogue key of the page's message.
    var messageKey: String {
        switch kind {
        case .notFound: "not_found"
        default: "forbidden"
        }
    }
}
