import Foundation

/// How far a municipality is from having its expressed needs met, for one category.
public enum GapLevel: String, Sendable, Codable, CaseIterable {
    case none, low, medium, high, critical
    /// Too few people were heard to say anything: "no reports" is not "no need".
    case insufficientData = "insufficient_data"
}

/// The analysis of one municipality for one category, before disclosure control.
public struct Gap: Sendable {
    public var userReports: Int
    /// Reports of this need naming `dont_know_where` as a barrier.
    public var dontKnowWhere: Int
    public var operatorRequests: Int?
    public var operatorUnmet: Int?
    /// User responses from the municipality (all categories): the sample behind the figures.
    public var responses: Int
    /// Respondents who stated their languages, and those sharing none with a reachable service.
    public var respondentsWithLanguages: Int
    public var languageMismatch: Int?
    public var servicesLocal: Int
    public var nearestCost: Double?
    public var nearestService: String?
    public var access: Double?
    public var accessRatio: Double?
    public var withinReach: Bool
    public var level: GapLevel
    /// Whether the level rests on the user reports (then suppressed with them) or on operators.
    public var levelFromUsers: Bool
}

/// The coverage-gap analysis (docs/method.md): expressed need × supply × accessibility, per
/// consortium municipality and category.
public struct GapAnalysis: Sendable {
    public var inputs: GapInputs
    public var config: AnalysisConfig
    public var categories: [Category]
    /// gaps[category code][municipality index]
    public var gaps: [String: [Gap]]

    public init(inputs: GapInputs, config: AnalysisConfig, only: [String] = []) {
        self.inputs = inputs
        self.config = config
        categories = only.isEmpty ? inputs.categories : inputs.categories.filter { only.contains($0.code) }
        var gaps: [String: [Gap]] = [:]
        for c in categories { gaps[c.code] = Self.analyse(category: c.code, inputs: inputs, config: config) }
        self.gaps = gaps
    }

    package static func analyse(category: String, inputs: GapInputs, config: AnalysisConfig) -> [Gap] {
        let catchment = config.catchment(category)
        let municipalities = inputs.municipalities
        // Indices, not copies: a national directory has 100,000 services with many text fields.
        let all = inputs.services
        let chosen = all.indices.filter { all[$0].categories.contains(category) }
        let locations = chosen.map { all[$0].location }
        // Costs: pairs within the catchment (for 2SFCA), and each municipality's nearest service.
        var nearest = [(cost: Double, service: Int)?](repeating: nil, count: municipalities.count)
        var pairs: [TwoStepFCA.Pair] = []
        if let matrix = inputs.costs {
            for (i, m) in municipalities.enumerated() {
                for (j, n) in chosen.enumerated() {
                    guard let cost = matrix[m.code]?[all[n].id] else { continue }
                    if nearest[i] == nil || cost < nearest[i]!.cost { nearest[i] = (cost, j) }
                    if cost <= catchment.maxCost { pairs.append(.init(demand: i, supply: j, cost: cost)) }
                }
            }
        } else if !chosen.isEmpty {
            // Great-circle km: a grid finds the services within the catchment without testing every pair.
            let index = ProximityIndex(points: locations, radiusKilometres: catchment.maxCost)
            for (i, m) in municipalities.enumerated() {
                for (j, cost) in index.within(catchment.maxCost, of: m.point) {
                    if nearest[i] == nil || cost < nearest[i]!.cost { nearest[i] = (cost, j) }
                    pairs.append(.init(demand: i, supply: j, cost: cost))
                }
                if nearest[i] == nil, let n = index.nearest(to: m.point) {  // nothing within reach
                    nearest[i] = (n.distance, n.index)
                }
            }
        }
        let populations = municipalities.map { Double($0.population) }
        let fca = TwoStepFCA(
            populations: populations, capacities: chosen.map { all[$0].capacity ?? 1 }, pairs: pairs,
            weight: catchment.weight)
        let access = fca.accessibility()
        let ratio = TwoStepFCA.relative(access, populations: populations)
        var localCount: [String: Int] = [:]
        for n in chosen { if let code = all[n].municipality { localCount[code, default: 0] += 1 } }
        // Languages as bit sets: a language spoken by no service has no bit and matches nothing.
        var bit: [String: Int] = [:]
        for n in chosen { for l in all[n].languages where bit[l] == nil { bit[l] = bit.count } }
        func mask(_ languages: some Sequence<String>) -> [UInt64] {
            var m = [UInt64](repeating: 0, count: bit.count / 64 + 1)
            for l in languages { if let b = bit[l] { m[b / 64] |= 1 << UInt64(b % 64) } }
            return m
        }
        let serviceMasks = chosen.map { mask(all[$0].languages) }
        var reachableLanguages = [[UInt64]](
            repeating: [UInt64](repeating: 0, count: bit.count / 64 + 1), count: municipalities.count)
        for p in pairs {
            for w in serviceMasks[p.supply].indices { reachableLanguages[p.demand][w] |= serviceMasks[p.supply][w] }
        }
        func disjoint(_ a: [UInt64], _ b: [UInt64]) -> Bool { zip(a, b).allSatisfy { $0 & $1 == 0 } }

        return municipalities.enumerated().map { i, m in
            let responses = inputs.responses[m.code] ?? []
            let reporting = responses.filter { $0.needs.contains(category) }
            let withinReach = access[i] != nil
            let withLanguages = responses.filter { !$0.languages.isEmpty }
            let caseload =
                inputs.caseloads[m.code]?[category]
                ?? (inputs.operatorCovered.contains(m.code) ? GapInputs.Caseload() : nil)
            var gap = Gap(
                userReports: reporting.count,
                dontKnowWhere: reporting.filter { $0.barriers.contains("dont_know_where") }.count,
                operatorRequests: caseload?.requests, operatorUnmet: caseload?.unmet,
                responses: responses.count,
                respondentsWithLanguages: withLanguages.count,
                languageMismatch: withinReach
                    ? withLanguages.filter { disjoint(mask($0.languages), reachableLanguages[i]) }.count : nil,
                servicesLocal: localCount[m.code] ?? 0,
                nearestCost: nearest[i]?.cost, nearestService: nearest[i].map { all[chosen[$0.service]].id },
                access: access[i], accessRatio: ratio[i], withinReach: withinReach,
                level: .insufficientData, levelFromUsers: false)
            (gap.level, gap.levelFromUsers) = level(gap, config: config)
            return gap
        }
    }

    /// The gap level (docs/method.md):
    /// need from the share of respondents reporting it (≥ 30 % high, ≥ 15 % medium, > 0 low)
    /// when at least `min_responses` people were heard, else from the operators' unmet share
    /// (≥ 30 % high, ≥ 10 % medium, else low) when they reported at least k requests; with
    /// neither, `insufficient_data`, even when operators reported 0 requests; access from A relative to the
    /// consortium's mean (no service within reach; < 0.5 poor; < 1 fair; ≥ 1 good); then
    ///
    /// | need \ access | none     | poor     | fair   | good   |
    /// |---------------|----------|----------|--------|--------|
    /// | none          | none     | none     | none   | none   |
    /// | low           | medium   | medium   | low    | none   |
    /// | medium        | high     | high     | medium | low    |
    /// | high          | critical | critical | high   | medium |
    package static func level(_ g: Gap, config: AnalysisConfig) -> (GapLevel, fromUsers: Bool) {
        enum Need: Int { case none, low, medium, high }
        var need: Need?
        var fromUsers = false
        if g.responses >= config.minResponses {
            let share = Double(g.userReports) / Double(g.responses)
            need = share >= 0.30 ? .high : share >= 0.15 ? .medium : share > 0 ? .low : Need.none
            fromUsers = true
        }
        if let requests = g.operatorRequests, requests >= config.k {
            let unmet = Double(g.operatorUnmet ?? 0) / Double(requests)
            let operatorNeed: Need = unmet >= 0.30 ? .high : unmet >= 0.10 ? .medium : .low
            if need == nil || operatorNeed.rawValue > need!.rawValue {
                need = operatorNeed
                fromUsers = false
            }
        }
        // Fewer than min_responses answers and fewer than k requests (zero included): no reports is not no need.
        guard let need else { return (.insufficientData, false) }
        let accessBand: Int = !g.withinReach ? 0 : (g.accessRatio ?? 0) < 0.5 ? 1 : (g.accessRatio ?? 0) < 1 ? 2 : 3
        let table: [[GapLevel]] = [
            [.none, .none, .none, .none],
            [.medium, .medium, .low, .none],
            [.high, .high, .medium, .low],
            [.critical, .critical, .high, .medium]
        ]
        return (table[need.rawValue][accessBand], fromUsers)
    }
}
