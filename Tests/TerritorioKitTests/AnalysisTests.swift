import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Gap analysis")
struct AnalysisTests {
    @Test(
        "weight functions follow PySAL access: gaussian unnormalised, step with ≤ and 0 beyond, gravity with min_dist")
    func weights() {
        #expect(WeightFunction.gaussian(sigma: 10)(0) == 1)
        #expect(abs(WeightFunction.gaussian(sigma: 10)(10) - exp(-0.5)) < 1e-15)
        let step = WeightFunction.step([.init(threshold: 10, weight: 1), .init(threshold: 20, weight: 0.68)])
        #expect(step(10) == 1 && step(10.0001) == 0.68 && step(20) == 0.68 && step(20.5) == 0)
        let gravity = WeightFunction.gravity(scale: 2, alpha: -1, minDist: 4)
        #expect(gravity(1) == 0.5 && gravity(8) == 0.25)
    }

    @Test("2SFCA on a hand-computed case (the PySAL access documentation's three places)")
    func twoStep() {
        // Demand 100, 200, 50; supply 2 (at place 1) and 1 (at place 3); max_cost 15 drops (2, 3, 20).
        let pairs: [TwoStepFCA.Pair] = [
            .init(demand: 0, supply: 0, cost: 0), .init(demand: 0, supply: 1, cost: 10),
            .init(demand: 1, supply: 0, cost: 5), .init(demand: 2, supply: 0, cost: 10),
            .init(demand: 2, supply: 1, cost: 0)
        ]
        let step = WeightFunction.step([.init(threshold: 1e9, weight: 1)])
        let a = TwoStepFCA(populations: [100, 200, 50], capacities: [2, 1], pairs: pairs, weight: step).accessibility()
        // R_0 = 2/350, R_1 = 1/150; A = [R0+R1, R0, R0+R1]
        #expect(abs(a[0]! - (2.0 / 350 + 1.0 / 150)) < 1e-15)
        #expect(abs(a[1]! - 2.0 / 350) < 1e-15)
        let g = TwoStepFCA(populations: [100, 200, 50], capacities: [2, 1], pairs: pairs, weight: .gaussian(sigma: 10))
            .accessibility()
        #expect(
            abs(g[0]! - 0.01199972664005799) < 1e-15 && abs(g[1]! - 0.005752427443370156) < 1e-15
                && abs(g[2]! - 0.012990836946403392) < 1e-15)
        let none = TwoStepFCA(
            populations: [100, 50], capacities: [1], pairs: [.init(demand: 0, supply: 0, cost: 1)], weight: step
        ).accessibility()
        #expect(none[1] == nil, "no reachable service: no value, not zero")
        let relative = TwoStepFCA.relative(none, populations: [100, 50])
        #expect(abs(relative[0]! - 1.5) < 1e-12, "mean = Σ A·P over reached / Σ P over all")
    }

    @Test("haversine: Novi Ligure to Gavi is about 9.4 km")
    func haversine() {
        let d = haversineKilometres(Coordinate(lon: 8.7967, lat: 44.7622), Coordinate(lon: 8.8265, lat: 44.6796))
        #expect(abs(d - 9.48) < 0.05)
    }

    @Test("the proximity index finds exactly the points within the radius")
    func proximity() {
        var rng = SystemRandomNumberGenerator()
        let points = (0..<2000).map { _ in
            Coordinate(lon: Double.random(in: 8...10, using: &rng), lat: Double.random(in: 44...46, using: &rng))
        }
        let index = ProximityIndex(points: points, radiusKilometres: 20)
        let origin = Coordinate(lon: 9, lat: 45)
        let found = Set(index.within(20, of: origin).map(\.index))
        let brute = Set(points.indices.filter { haversineKilometres(origin, points[$0]) <= 20 })
        #expect(found == brute && !brute.isEmpty)
    }

    static func inputs(responses: [GapInputs.Response], services: [Service], caseload: GapInputs.Caseload? = nil)
        -> GapInputs
    {
        let m = GapInputs.Municipality(
            code: "006114", name: "Novi Ligure", population: 1000, populationYear: 2011,
            point: Coordinate(lon: 8.8, lat: 44.76), boundaryApproximate: false)
        let far = GapInputs.Municipality(
            code: "006002", name: "Albera Ligure", population: 1000, populationYear: 2011,
            point: Coordinate(lon: 9.5, lat: 44.7), boundaryApproximate: false)
        return GapInputs(
            municipalities: [m, far], categories: [Category(code: "food", labels: ["en": "Food"], descriptions: [:])],
            services: services, responses: ["006114": responses],
            caseloads: caseload.map { ["006114": ["food": $0]] } ?? [:],
            operatorCovered: caseload == nil ? [] : ["006114"],
            costs: nil, latestSubmission: nil, sources: [])
    }

    static func service(_ id: String, lon: Double, languages: [String]) -> Service {
        Service(
            id: id, name: id, categories: ["food"], municipality: "006114", location: Coordinate(lon: lon, lat: 44.76),
            locationApproximate: false, languages: languages, verified: true)
    }

    static func person(_ needs: Set<String>, barriers: Set<String> = [], languages: Set<String> = ["it"])
        -> GapInputs.Response
    {
        .init(needs: needs, barriers: barriers, languages: languages)
    }

    @Test("nearest service, awareness gap and language gap on a small case")
    func smallCase() {
        // 20 respondents: 10 need food, 5 of them do not know where to go; 6 speak only Arabic.
        var people: [GapInputs.Response] = []
        for i in 0..<10 {
            people.append(
                Self.person(["food"], barriers: i < 5 ? ["dont_know_where"] : [], languages: i < 6 ? ["ar"] : ["it"]))
        }
        for _ in 0..<10 { people.append(Self.person(["health"])) }
        let services = [
            Self.service("near", lon: 8.81, languages: ["it"]), Self.service("far", lon: 8.95, languages: ["it", "fr"])
        ]
        let analysis = GapAnalysis(inputs: Self.inputs(responses: people, services: services), config: .standard)
        let gap = analysis.gaps["food"]![0]
        #expect(
            gap.nearestService == "near"
                && abs(
                    gap.nearestCost!
                        - haversineKilometres(Coordinate(lon: 8.8, lat: 44.76), Coordinate(lon: 8.81, lat: 44.76)))
                    < 1e-12
        )
        #expect(gap.userReports == 10 && gap.dontKnowWhere == 5 && gap.responses == 20)
        #expect(gap.languageMismatch == 6 && gap.respondentsWithLanguages == 20)
        let cells = Dictionary(uniqueKeysWithValues: GapReport(analysis).cells(category: "food", municipality: 0))
        guard case .double(let awareness?) = cells["awareness_gap"]!.value,
            case .double(let language?) = cells["language_gap"]!.value
        else {
            Issue.record("awareness and language gaps should be published")
            return
        }
        #expect(awareness == 0.5 && language == 0.3)
        // Albera Ligure: nobody answered, nothing within reach (food catchment 15 km).
        let silent = analysis.gaps["food"]![1]
        #expect(silent.level == .insufficientData && !silent.withinReach && silent.access == nil)
    }

    @Test(
        "each gap level from its rule",
        arguments: [
            // (food reporters of 20, service distance in degrees of longitude or nil, expected)
            (0, 0.01, GapLevel.none), (2, 0.01, .none), (2, nil, .medium), (4, 0.01, .low), (8, 0.01, .medium),
            (8, nil, .critical), (4, nil, .high), (8, 0.15, .high)
        ] as [(Int, Double?, GapLevel)])
    func levels(_ reporters: Int, _ offset: Double?, _ expected: GapLevel) {
        let people = (0..<20).map { Self.person($0 < reporters ? ["food"] : ["health"]) }
        var services = offset.map { [Self.service("s", lon: 8.8 + $0, languages: ["it"])] } ?? []
        // A second, better-placed municipality sets the mean: with the far service only, Novi is "poor".
        if offset == 0.15 {
            services += [
                Self.service("t", lon: 9.45, languages: ["it"]), Self.service("u", lon: 9.46, languages: ["it"])
            ]
        }
        let analysis = GapAnalysis(inputs: Self.inputs(responses: people, services: services), config: .standard)
        #expect(
            analysis.gaps["food"]![0].level == expected,
            "ratio \(String(describing: analysis.gaps["food"]![0].accessRatio))")
    }

    @Test("operators' figures give a level where too few users answered; no reports is insufficient data, not none")
    func operatorsOnly() {
        let few = [Self.person(["food"])]
        let services = [Self.service("s", lon: 8.81, languages: ["it"])]
        let none = GapAnalysis(inputs: Self.inputs(responses: few, services: services), config: .standard)
        #expect(none.gaps["food"]![0].level == .insufficientData)
        let withOperators = GapAnalysis(
            inputs: Self.inputs(responses: few, services: services, caseload: .init(requests: 40, unmet: 20)),
            config: .standard)
        #expect(withOperators.gaps["food"]![0].level != .insufficientData)
    }

    @Test(
        "insufficient_data below min_responses answers and k requests, whatever the zeros say",
        arguments: [
            // (user answers, none naming food; operator requests, unmet = 0; expected insufficient_data)
            (9, nil, true), (10, nil, false), (9, 0, true), (0, 0, true),
            (0, 4, true), (0, 5, false), (9, 4, true), (9, 5, false)
        ] as [(Int, Int?, Bool)])
    func insufficientDataBoundaries(_ answers: Int, _ requests: Int?, _ insufficient: Bool) {
        let people = (0..<answers).map { _ in Self.person(["health"]) }
        let services = [Self.service("s", lon: 8.81, languages: ["it"])]
        let config = AnalysisConfig.standard
        #expect(config.minResponses == 10 && config.k == 5, "the cases sit on the default boundaries")
        let caseload = requests.map { GapInputs.Caseload(requests: $0, unmet: 0) }
        let inputs = Self.inputs(responses: people, services: services, caseload: caseload)
        let gap = GapAnalysis(inputs: inputs, config: config).gaps["food"]![0]
        #expect((gap.level == .insufficientData) == insufficient, "level \(gap.level)")
    }

    @Test("disclosure control: small counts hidden, and never one alone or summing below k under a total")
    func disclosure() {
        let control = DisclosureControl(k: 5)
        let one = control.protect([12, 3, 0, 7, 20])
        #expect(one.suppressed == [1, 3] && one.totalPublished, "3 alone would be total − rest: 7 goes too (3 + 7 ≥ 5)")
        let two = control.protect([1, 2, 9, 30])
        #expect(two.suppressed == [0, 1, 2] && two.totalPublished, "1 + 2 < 5: 9 goes too")
        let none = control.protect([0, 6, 9])
        #expect(none.suppressed.isEmpty && none.totalPublished)
        let lonely = control.protect([3, 0])
        #expect(!lonely.totalPublished, "nothing else to hide: the total is withheld")
    }

    @Test("disclosure control also protects zone totals: subtracting a zone's published cells reveals no small count")
    func zoneTotals() {
        let control = DisclosureControl(k: 5)
        // Zone 1 = cells 0, 1; zone 2 = cells 2, 3. Without zones, 10 (cell 2) joins the 3, and
        // zone 1's total (countable in the anonymised export) minus cell 1 would give the 3.
        let counts: [Int?] = [3, 12, 10, 10]
        #expect(control.protect(counts).suppressed == [0, 2])
        let zones = [[0, 1], [2, 3]]
        let (hidden, published) = control.protect(counts, groups: zones)
        #expect(published)
        for group in zones + [Array(counts.indices)] {
            let inGroup = group.filter { hidden.contains($0) }
            let sum = inGroup.reduce(0) { $0 + (counts[$1] ?? 0) }
            #expect(
                inGroup.isEmpty || (inGroup.count >= 2 && sum >= 5), "group \(group): \(inGroup) hidden, sum \(sum)")
        }
        #expect(hidden.contains(0) && hidden.contains(1), "the 3 and its zone neighbour")
    }

    @Test("the configuration file overrides defaults per category and refuses k below 3")
    func config() throws {
        let path = try Fixture.file(
            "territorio.toml",
            """
            [default]
            max_cost = 25
            sigma = 12
            k = 6
            min_responses = 12

            [category.health]
            weight = "step"
            steps = { "10" = 1.0, "20" = 0.5 }
            """)
        let c = try AnalysisConfig.load(path: path)
        #expect(
            c.k == 6 && c.minResponses == 12 && c.defaults.maxCost == 25 && c.defaults.weight == .gaussian(sigma: 12))
        #expect(
            c.catchment("health").weight == .step([.init(threshold: 10, weight: 1), .init(threshold: 20, weight: 0.5)]))
        #expect(c.catchment("food").maxCost == 25)
        let low = try Fixture.file("territorio.toml", "[default]\nk = 2\n")
        #expect { try AnalysisConfig.load(path: low) } throws: { "\($0)".contains("below 3") }
        let bad = try Fixture.file("territorio.toml", "[default]\nweight = \"triangle\"\n")
        #expect { try AnalysisConfig.load(path: bad) } throws: {
            "\($0)".contains("expected gaussian, step or gravity")
        }
    }
}
