/// A coding key named at run time, for JSON objects whose member names come from data (the
/// parameters of a weight function, a sidecar's extra members).
public struct JSONKey: CodingKey, ExpressibleByStringLiteral, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init(stringLiteral name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
