import Foundation

/// The one configuration of the JSON territorio writes: keys sorted (the same data give the same
/// bytes), slashes left readable (paths, URLs), pretty for people (`--json`, sidecars) or compact
/// for what the database keeps (archived versions, quarantined rows).
public enum JSONOutput {
    /// Pretty-printed, for people and for files beside an export.
    public static var pretty: JSONEncoder { encoder([.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) }
    /// One line, for values stored in the database.
    public static var compact: JSONEncoder { encoder([.sortedKeys, .withoutEscapingSlashes]) }

    /// `value` as pretty JSON text.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try pretty.encode(value), as: UTF8.self)
    }

    /// `value` as one line of JSON text.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try compact.encode(value), as: UTF8.self)
    }

    private static func encoder(_ formatting: JSONEncoder.OutputFormatting) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return encoder
    }
}
