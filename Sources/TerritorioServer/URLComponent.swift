import Foundation
import Hummingbird

/// Data-derived values (service ids, category codes…) made safe to put in a link's path or
/// query string, and read back from a route's path. Everything but RFC 3986's unreserved ASCII
/// characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded as UTF-8, so that a space, `/`, `?`,
/// `#`, `%`, `&`, `+` or a letter such as `è` stays inside its one path segment or query value.
enum URLComponent {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `value` percent-encoded for one path segment or one query value.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The path parameter `name` of a route, percent-decoded (the router matches the raw path);
    /// "" when missing or not valid UTF-8 once decoded.
    static func parameter(_ context: BasicRequestContext, _ name: String) -> String {
        context.parameters.get(name).flatMap { $0.removingPercentEncoding } ?? ""
    }
}
