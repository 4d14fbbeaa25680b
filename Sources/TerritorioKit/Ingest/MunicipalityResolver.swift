/// Finds the municipality a survey answer means: by ISTAT code, by name typed loosely (case,
/// accents, apostrophes and common abbreviations do not matter: "NOVI", "Serravalle S.",
/// "Capriata D'orba"), or by a point.
public struct MunicipalityResolver {
    public struct Municipality: Sendable {
        public var code: String
        public var name: String
        public var inConsortium: Bool
    }

    public enum Match: Equatable {
        case found(String)
        case unknown(suggestion: String?)
        case ambiguous([String])
    }

    public let municipalities: [String: Municipality]
    private let words: [(code: String, words: [Substring])]
    private let exact: [String: [String]]
    let locator: PointLocator

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
            return municipalities[code] != nil ? .found(code) : .unknown(suggestion: nil)
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
        return .unknown(suggestion: TextMatching.closest(to: text, among: municipalities.values.filter(\.inConsortium).map(\.name)))
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
}
