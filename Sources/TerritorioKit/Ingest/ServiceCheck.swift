import Foundation

/// What the database knows that service records are checked against.
public struct DirectoryContext {
    public struct Municipality: Sendable {
        public var code: String
        public var name: String
        public var inConsortium: Bool
        public var representativePoint: Coordinate
    }

    public var categories: Set<String>
    public var municipalities: [String: Municipality]
    var byName: [String: [String]]
    let locator: PointLocator

    public init(categories: Set<String>, municipalities: [Municipality], shapes: [(id: String, shape: MultiPolygon)]) throws {
        self.categories = categories
        self.municipalities = Dictionary(uniqueKeysWithValues: municipalities.map { ($0.code, $0) })
        self.byName = Dictionary(grouping: municipalities.map(\.code)) { code in
            TextMatching.normalized(municipalities.first { $0.code == code }!.name)
        }
        self.locator = try PointLocator(shapes)
    }

    /// The municipality containing `point`, if any in the database.
    public func municipality(containing point: Coordinate) throws -> Municipality? {
        try locator.locate(point).flatMap { municipalities[$0] }
    }
}

/// Checks service records and turns them into ``Service`` values.
///
/// Location rules: a service without coordinates is placed at its municipality's
/// representative point (`location_approximate`); a point in another municipality than the
/// declared one is a warning naming both; a point outside the consortium is an error unless
/// `allowOutside`; coordinates that fall in the consortium once swapped are reported as swapped.
public struct ServiceCheck {
    public var context: DirectoryContext
    public var allowOutside: Bool

    public init(context: DirectoryContext, allowOutside: Bool = false) {
        self.context = context
        self.allowOutside = allowOutside
    }

    public struct Outcome: Sendable {
        public var services: [Service] = []
        public var problems: [InputProblem] = []
        public var warnings: [InputProblem] = []
        /// How many records had at least one problem.
        public var rejected = 0
    }

    public func check(_ file: ServiceFile) throws -> Outcome {
        var outcome = Outcome()
        var firstOfID: [String: InputLocation] = [:]
        for record in file.records {
            var problems: [InputProblem] = []
            var warnings: [InputProblem] = []
            let service = try check(record, problems: &problems, warnings: &warnings)
            let id = record("id")
            if !id.isEmpty {
                if let first = firstOfID[id] {
                    problems.append(InputProblem(record.location, field: "id", "the id \(id) is also used at \(first); each service needs its own id"))
                } else {
                    firstOfID[id] = record.location
                }
            }
            outcome.warnings += warnings
            if problems.isEmpty, let service {
                outcome.services.append(service)
            } else {
                outcome.problems += problems
                outcome.rejected += 1
            }
        }
        return outcome
    }

    func check(_ r: ServiceFile.Record, problems: inout [InputProblem], warnings: inout [InputProblem]) throws -> Service? {
        let at = r.location
        func problem(_ field: String, _ message: String) { problems.append(InputProblem(at, field: field, message)) }
        func optional(_ name: String) -> String? { r(name).isEmpty ? nil : r(name) }

        let id = r("id")
        if id.isEmpty { problem("id", "empty; every service needs an id (any short text, e.g. caritas-novi)") }
        let name = r("name")
        if name.isEmpty { problem("name", "empty; every service needs a name") }

        var categories: [String] = []
        for code in Self.list(r("categories")) {
            let c = code.lowercased()
            if context.categories.contains(c) {
                if !categories.contains(c) { categories.append(c) }
            } else if let guess = TextMatching.closest(to: c, among: context.categories) {
                problem("categories", "unknown category '\(Echo.value(code))'; did you mean '\(guess)'?")
            } else {
                problem("categories", "unknown category '\(Echo.value(code))'; the categories are: \(context.categories.sorted().joined(separator: ", "))")
            }
        }
        if r("categories").isEmpty { problem("categories", "empty; give at least one category code, e.g. food") }

        var languages: [String] = []
        for code in Self.list(r("languages")) {
            let c = code.lowercased()
            if LanguageCode.isValid(c) { if !languages.contains(c) { languages.append(c) } }
            else { problem("languages", "unknown language code '\(Echo.value(code))'; expected ISO 639-1 two-letter codes such as it, en, fr, ar") }
        }

        var openingHours: String?
        if let text = optional("opening_hours") {
            do { openingHours = try OpeningHours.parse(text).description } catch { problem("opening_hours", error.description) }
        }

        var capacity: Double?
        if let text = optional("capacity") {
            if let v = Self.number(text), v >= 0 { capacity = v } else { problem("capacity", "expected a number of 0 or more, found \"\(Echo.value(text))\"") }
        }
        var verified = false
        if let text = optional("verified") {
            if let v = Self.boolean(text) { verified = v } else { problem("verified", "expected true or false (or yes/no, sì/no, 1/0), found \"\(Echo.value(text))\"") }
        }
        var flaggedApproximate = false
        if let text = optional("location_approximate") {
            if let v = Self.boolean(text) { flaggedApproximate = v } else { problem("location_approximate", "expected true or false, found \"\(Echo.value(text))\"") }
        }
        var lastUpdated: String?
        if let text = optional("last_updated") {
            if let d = Self.date(text) { lastUpdated = d } else { problem("last_updated", "expected a date as YYYY-MM-DD (or DD/MM/YYYY), found \"\(Echo.value(text))\"") }
        }
        let email = optional("email")
        if let email, !Self.isEmail(email) { problem("email", "expected an e-mail address such as info@example.org, found \"\(Echo.value(email))\"") }
        var website = optional("website")
        if let w = website {
            if w.lowercased().hasPrefix("www.") { website = "https://" + w }
            else if !(w.lowercased().hasPrefix("http://") || w.lowercased().hasPrefix("https://")) {
                problem("website", "expected a web address starting with https:// or www., found \"\(Echo.value(w))\"")
            }
        }

        // Municipality and location.
        var municipality: String?
        if let text = optional("municipality") {
            switch resolveMunicipality(text) {
            case .found(let code): municipality = code
            case .unknownCode(let code): municipality = allowOutside ? code : nil
                if !allowOutside { problem("municipality", "the municipality \(code) is not in the database") }
            case .unknownName(let suggestion):
                problem("municipality", "unknown municipality \"\(Echo.value(text))\"" + (suggestion.map { "; did you mean \($0)?" } ?? "; give its ISTAT code"))
            case .ambiguous(let candidates):
                problem("municipality", "\"\(Echo.value(text))\" matches several municipalities: \(candidates.joined(separator: ", ")); give the ISTAT code")
            }
        }
        var location: Coordinate?
        var approximate = flaggedApproximate
        let latText = r("lat"), lonText = r("lon")
        if latText.isEmpty != lonText.isEmpty {
            problem(latText.isEmpty ? "lat" : "lon", "give both lat and lon, or neither (the service is then placed at its municipality's centre)")
        } else if !latText.isEmpty {
            if let lat = Self.number(latText), let lon = Self.number(lonText), abs(lat) <= 90, abs(lon) <= 180 {
                location = Coordinate(lon: lon, lat: lat)
            } else {
                problem("lat", "expected WGS84 decimal degrees (lat within ±90, lon within ±180), found lat \"\(Echo.value(latText))\", lon \"\(Echo.value(lonText))\"")
            }
        }
        if let point = location {
            let containing = try context.municipality(containing: point)
            let inConsortium = containing?.inConsortium == true
            if !inConsortium {
                let swapped = Coordinate(lon: point.lat, lat: point.lon)
                if try context.municipality(containing: swapped)?.inConsortium == true {
                    problem("lat", "lat \(latText) and lon \(lonText) look swapped: swapped, the point falls in the consortium")
                    return nil
                }
                if !allowOutside {
                    let whereText = containing.map { "in \($0.name) (\($0.code))" } ?? "in no municipality of the database"
                    problem("lat", "the point (\(latText), \(lonText)) is outside the consortium, \(whereText); use --allow-outside for services that serve the area from outside")
                }
            }
            if let declared = municipality, let containing, containing.code != declared {
                let declaredName = context.municipalities[declared]?.name ?? declared
                warnings.append(InputProblem(at, field: "municipality",
                                             "the point lies in \(containing.name) (\(containing.code)), not in the declared \(declaredName) (\(declared)); kept as declared"))
            }
            if municipality == nil && optional("municipality") == nil { municipality = containing?.code }
        } else if problems.isEmpty {
            if let code = municipality, let m = context.municipalities[code] {
                location = m.representativePoint
                approximate = true
            } else {
                problem("lat", "no coordinates and no known municipality: give lat/lon or the municipality's ISTAT code")
            }
        }
        guard problems.isEmpty, let location else { return nil }
        return Service(id: id, name: name, organization: optional("organization"), categories: categories.sorted(),
                       address: optional("address"), postalCode: optional("postal_code"), municipality: municipality, location: location,
                       locationApproximate: approximate, phone: optional("phone"), email: email, website: website,
                       openingHours: openingHours, languages: languages.sorted(), eligibility: optional("eligibility"),
                       capacity: capacity, verified: verified, lastUpdated: lastUpdated, source: optional("source"))
    }

    enum MunicipalityMatch { case found(String), unknownCode(String), unknownName(suggestion: String?), ambiguous([String]) }

    func resolveMunicipality(_ text: String) -> MunicipalityMatch {
        if let (code, _) = IstatCode.parseLenient(text) {
            return context.municipalities[code] != nil ? .found(code) : .unknownCode(code)
        }
        let key = TextMatching.normalized(text)
        if let codes = context.byName[key] {
            return codes.count == 1 ? .found(codes[0]) : .ambiguous(codes.map { "\($0) \(context.municipalities[$0]!.name)" })
        }
        return .unknownName(suggestion: TextMatching.closest(to: text, among: context.municipalities.values.map(\.name)))
    }

    /// Items of a list field: separated by `;`, `,`, `|` or spaces.
    static func list(_ text: String) -> [String] {
        text.split { ";,| \t".contains($0) }.map(String.init)
    }

    /// A decimal number, with a point or (as Italian spreadsheets write) a comma.
    static func number(_ text: String) -> Double? {
        Double(text) ?? (text.filter { $0 == "," }.count == 1 && !text.contains(".") ? Double(text.replacingOccurrences(of: ",", with: ".")) : nil)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "y", "1", "sì", "si", "vero", "oui", "verified": true
        case "false", "no", "n", "0", "falso", "non": false
        default: nil
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(" ")
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY` → `YYYY-MM-DD`, when it is a real date (a hot path in ingestion).
    static func date(_ text: String) -> String? {
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard b[i] >= 48 && b[i] <= 57 else { return nil }; n = n * 10 + Int(b[i] - 48) }
            return n
        }
        var y = 0, m = 0, d = 0
        if b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let yy = num(0..<4), let mm = num(5..<7), let dd = num(8..<10) {
            (y, m, d) = (yy, mm, dd)
        } else {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
                  let dd = Int(parts[0]), let mm = Int(parts[1]), let yy = Int(parts[2]) else { return nil }
            (y, m, d) = (yy, mm, dd)
        }
        guard (1900...2200).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
