import TerritorioCore
import TerritorioGeometry

/// Finds the municipality an input means, with the same rules for services and surveys: by
/// ISTAT code, by name typed loosely (case, accents, apostrophes and common abbreviations do not
/// matter: "NOVI", "Serravalle S.", "Capriata D'orba"), or by a point; an unknown name gets a
/// "did you mean" suggestion, and a point that falls in the consortium once latitude and
/// longitude are swapped is recognised (``looksSwapped(_:)``).
public struct MunicipalityResolver {
    public struct Municipality: Sendable {
        public var code: String
        public var name: String
        public var inConsortium: Bool
        /// A point inside the municipality, where a service without coordinates is placed.
        public var representativePoint: Coordinate?

        public init(code: String, name: String, inConsortium: Bool, representativePoint: Coordinate? = nil) {
            self.code = code
            self.name = name
            self.inConsortium = inConsortium
            self.representativePoint = representativePoint
        }
    }

    public enum Match: Equatable {
        case found(String)
        /// A well-formed ISTAT code that no municipality of the database has.
        case unknownCode(String)
        case unknown(suggestion: String?)
        case ambiguous([String])
    }

    public let municipalities: [String: Municipality]
    private let words: [(code: String, words: [Substring])]
    private let exact: [String: [String]]
    package let locator: PointLocator

    public init(municipalities: [Municipality], shapes: [(id: String, shape: MultiPolygon)]) throws {
        self.municipalities = Dictionary(uniqueKeysWithValues: municipalities.map { ($0.code, $0) })
        var exact: [String: [String]] = [:]
        var words: [(String, [Substring])] = []
        for m in municipalities {
            let key = TextMatching.normalized(m.name)
            exact[key, default: []].append(m.code)
            words.append((m.code, key.split(separator: " ")))
        }
        self.exact = exact
        self.words = words
        locator = try PointLocator(shapes)
    }

    /// The municipality a value names.
    public func resolve(_ value: String) -> Match {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("بلدية ") { text = String(text.dropFirst(6)) }
        if let (code, _) = IstatCode.parseLenient(text) {
            return municipalities[code] != nil ? .found(code) : .unknownCode(code)
        }
        let key = TextMatching.normalized(text)
        guard !key.isEmpty else { return .unknown(suggestion: nil) }
        if let codes = exact[key] { return pick(codes) }
        // Abbreviations: every typed word is the start of the name's word at the same place.
        let typed = key.split(separator: " ")
        let candidates = words.filter { entry in
            typed.count <= entry.words.count && zip(typed, entry.words).allSatisfy { $1.hasPrefix($0) }
        }.map(\.code)
        if !candidates.isEmpty { return pick(candidates) }
        return .unknown(suggestion: suggestion(for: text))
    }

    /// The consortium member most plausibly meant, else any municipality of the database.
    private func suggestion(for text: String) -> String? {
        TextMatching.closest(to: text, among: municipalities.values.filter(\.inConsortium).map(\.name))
            ?? TextMatching.closest(to: text, among: municipalities.values.filter { !$0.inConsortium }.map(\.name))
    }

    /// One code, preferring the consortium's members when several match.
    private func pick(_ codes: [String]) -> Match {
        if codes.count == 1 { return .found(codes[0]) }
        let members = codes.filter { municipalities[$0]?.inConsortium == true }
        if members.count == 1 { return .found(members[0]) }
        let list = (members.isEmpty ? codes : members).sorted().prefix(10)
        return .ambiguous(list.map { "\($0) \(municipalities[$0]!.name)" })
    }

    /// The municipality containing `point`.
    public func municipality(containing point: Coordinate) throws -> Municipality? {
        try locator.locate(point).flatMap { municipalities[$0] }
    }

    /// Whether `point` has its latitude and longitude swapped: it is not in the consortium, but
    /// swapped it is. The one swapped-coordinates check of services and surveys.
    public func looksSwapped(_ point: Coordinate) throws -> Bool {
        guard try municipality(containing: point)?.inConsortium != true else { return false }
        return try municipality(containing: Coordinate(lon: point.lat, lat: point.lon))?.inConsortium == true
    }

    /// The message for coordinates that ``looksSwapped(_:)``.
    public static func swappedMessage(lat: String, lon: String) -> String {
        "latitude \(lat) and longitude \(lon) look swapped: swapped, the point falls in the consortium"
    }
}
