import Foundation

/// The gap analysis made publishable: every count below k and every value derived from it is
/// withheld (null, with a `_suppressed` flag), with secondary suppression against the totals.
/// Writes the flat GeoJSON (RFC 7946) and CSV reports and the consortium summary.
public struct GapReport: Sendable {
    public struct Cell: Sendable {
        public var value: Value
        public var suppressed: Bool
        public enum Value: Sendable {
            case int(Int?)
            case double(Double?)
            case string(String?)
            case bool(Bool)
        }
    }

    public let analysis: GapAnalysis
    public let control: DisclosureControl
    /// Per category and count name, the municipalities (indices) whose count is withheld.
    package let withheld: [String: [String: Set<Int>]]
    /// Cells withheld across survey rounds; the shares read `dont_know_where` and `language_mismatch`.
    package let shareWithheld: [String: [String: Set<Int>]]
    /// Per category and count name, whether the consortium total may be published.
    package let totalPublished: [String: [String: Bool]]

    /// The survey rounds the report covers (nil: every submission), for its metadata.
    public var rounds: [String]?

    public static let countNames = ["user_reports", "operator_requests", "operator_unmet", "responses"]

    /// The warning for an analysis of a database without services: every municipality then has
    /// no service within reach because none is listed, not because none exists.
    public static var noServicesWarning: String { Messages.text("msg3.gaps.no_services") }

    /// Whether the analysed database lists no service at all (see ``noServicesWarning``).
    public var hasNoServices: Bool { analysis.inputs.services.isEmpty }

    /// The report of `analysis`; `alsoWithhold` (category → count name → municipality indices)
    /// are withheld whatever their count, as ``RoundDisclosure`` asks across survey rounds.
    public init(_ analysis: GapAnalysis, alsoWithhold: [String: [String: Set<Int>]] = [:]) {
        self.analysis = analysis
        control = DisclosureControl(k: analysis.config.k)
        var withheld: [String: [String: Set<Int>]] = [:]
        var totals: [String: [String: Bool]] = [:]
        // Zone totals can be counted from the anonymised submissions export: protect them too.
        let zones = Dictionary(
            grouping: analysis.inputs.municipalities.indices.filter {
                analysis.inputs.municipalities[$0].zone != nil
            }
        ) { analysis.inputs.municipalities[$0].zone! }.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        for c in analysis.categories {
            let gaps = analysis.gaps[c.code]!
            for name in Self.countNames {
                let (cells, total) = control.protect(
                    gaps.map { Self.count(name, $0) },
                    forced: alsoWithhold[c.code]?[name] ?? [], groups: zones)
                withheld[c.code, default: [:]][name] = cells
                totals[c.code, default: [:]][name] = total
            }
        }
        self.withheld = withheld
        self.totalPublished = totals
        self.shareWithheld = alsoWithhold
    }

    package static func count(_ name: String, _ g: Gap) -> Int? {
        switch name {
        case "user_reports": g.userReports
        case "operator_requests": g.operatorRequests
        case "operator_unmet": g.operatorUnmet
        default: g.responses
        }
    }

    /// The published columns for municipality `i` and category `c`, in report order.
    public func cells(category c: String, municipality i: Int) -> [(String, Cell)] {
        let g = analysis.gaps[c]![i]
        let hidden = withheld[c]!
        let reports = hidden["user_reports"]!.contains(i)
        let requests = hidden["operator_requests"]!.contains(i)
        let unmet = hidden["operator_unmet"]!.contains(i)
        let responses = hidden["responses"]!.contains(i)
        let population = analysis.inputs.municipalities[i].population
        func acrossRounds(_ name: String) -> Bool { shareWithheld[c]?[name]?.contains(i) ?? false }
        func share(_ numerator: Int?, _ denominator: Int, hiddenInputs: Bool) -> Cell {
            guard let numerator else { return Cell(value: .double(nil), suppressed: false) }
            if hiddenInputs || control.isSmall(numerator) || denominator < control.k {
                return Cell(value: .double(nil), suppressed: denominator > 0)
            }
            return Cell(
                value: .double(denominator > 0 ? Double(numerator) / Double(denominator) : nil), suppressed: false)
        }
        let awareness =
            g.withinReach
            ? share(
                g.dontKnowWhere, g.userReports,
                hiddenInputs: reports || acrossRounds("dont_know_where"))
            : Cell(value: .double(nil), suppressed: false)
        let language = share(
            g.languageMismatch, g.respondentsWithLanguages,
            hiddenInputs: responses || acrossRounds("language_mismatch"))
        let levelHidden =
            g.level != .insufficientData && (g.levelFromUsers ? (reports || responses) : (requests || unmet))
        return [
            ("user_reports", Cell(value: .int(reports ? nil : g.userReports), suppressed: reports)),
            ("operator_requests", Cell(value: .int(requests ? nil : g.operatorRequests), suppressed: requests)),
            ("operator_unmet", Cell(value: .int(unmet ? nil : g.operatorUnmet), suppressed: unmet)),
            (
                "need_per_1000",
                Cell(
                    value: .double(
                        reports || population == 0 ? nil : Double(g.userReports) / Double(population) * 1000),
                    suppressed: reports)
            ),
            ("responses", Cell(value: .int(responses ? nil : g.responses), suppressed: responses)),
            ("services_local", Cell(value: .int(g.servicesLocal), suppressed: false)),
            ("nearest_cost", Cell(value: .double(g.nearestCost), suppressed: false)),
            ("nearest_service", Cell(value: .string(g.nearestService), suppressed: false)),
            ("access", Cell(value: .double(g.access), suppressed: false)),
            ("access_ratio", Cell(value: .double(g.accessRatio), suppressed: false)),
            ("no_service_within_reach", Cell(value: .bool(!g.withinReach), suppressed: false)),
            ("awareness_gap", awareness),
            ("language_gap", language),
            ("gap_level", Cell(value: .string(levelHidden ? nil : g.level.rawValue), suppressed: levelHidden))
        ]
    }

    /// Column names that can be withheld get a `<name>_suppressed` companion.
    package static let suppressible: Set<String> = [
        "user_reports", "operator_requests", "operator_unmet", "need_per_1000", "responses",
        "awareness_gap", "language_gap", "gap_level"
    ]

    /// Every property of municipality `i`, flat, as the report publishes it.
    public func properties(municipality i: Int) -> [(key: String, value: GeoJSONWriter.Value)] {
        let m = analysis.inputs.municipalities[i]
        var out: [(key: String, value: GeoJSONWriter.Value)] = [
            ("istat_code", .string(m.code)), ("name", .string(m.name)), ("population", .int(m.population)),
            ("boundary_approximate", .bool(m.boundaryApproximate)), ("rep_lon", .double(m.point.lon)),
            ("rep_lat", .double(m.point.lat))
        ]
        for c in analysis.categories {
            for (name, cell) in cells(category: c.code, municipality: i) {
                let key = "\(c.code)_\(name)"
                switch cell.value {
                case .int(let v): out.append((key, .int(v)))
                case .double(let v): out.append((key, .double(v.map(Self.rounded))))
                case .string(let v): out.append((key, .string(v)))
                case .bool(let v): out.append((key, .bool(v)))
                }
                if Self.suppressible.contains(name) { out.append((key + "_suppressed", .bool(cell.suppressed))) }
            }
        }
        return out
    }

    /// Doubles with at most 12 significant digits: stable bytes, ample precision (1e-9 relative).
    package static func rounded(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        let magnitude = pow(10, 11 - floor(log10(abs(v))))
        return (v * magnitude).rounded() / magnitude
    }
}
