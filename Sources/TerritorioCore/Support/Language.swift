/// The four languages of territorio's texts (messages, forms, poster, maps, taxonomy), Italian
/// first: the one list of them.
public enum Language: String, CaseIterable, Sendable, Codable, Hashable {
    case it, en, fr, ar

    /// The ISO 639-1 codes, in order.
    public static var codes: [String] { allCases.map(\.rawValue) }

    /// Arabic is written right to left.
    public var isRightToLeft: Bool { self == .ar }
}
