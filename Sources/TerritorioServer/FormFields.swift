import Foundation

/// The fields of a URL-encoded form body, each name with all its values in order (checkboxes
/// send one value per ticked box).
struct FormFields: Sendable {
    let values: [String: [String]]

    /// Decodes `body` (`a=1&b=x+y&b=z`); a name or value that is not valid percent-encoding is a
    /// bad request (never a field silently dropped or emptied).
    init(body: String) throws {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
                throw WebFailure.badRequest
            }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// The first value of `name`.
    subscript(_ name: String) -> String? { values[name]?.first }

    /// Every value of `name`, joined with spaces (a select_multiple answer), nil when none is given.
    func joined(_ name: String) -> String? {
        let all = (values[name] ?? []).filter { !$0.isEmpty }
        return all.isEmpty ? nil : all.joined(separator: " ")
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
