import Foundation

/// The accessibility index alone: A (``TwoStepFCA``) and A relative to the consortium's mean,
/// per category, from ``AccessInputs``; what `territorio report access` writes. The values are
/// ``GapAnalysis``'s `access` and `access_ratio`, bit for bit (the same pairs in the same order),
/// without the rest of the gap analysis. Categories are computed side by side, one per core.
public struct AccessIndex: Sendable {
    /// One category's values, by municipality (nil: no service within reach).
    public struct Column: Sendable {
        public var access: [Double?]
        public var ratio: [Double?]
    }

    public let inputs: AccessInputs
    public let config: AnalysisConfig
    /// The categories computed, in the taxonomy's order.
    public let categories: [Category]
    /// The values of each category code.
    public let columns: [String: Column]

    /// The index of `inputs` for the categories `only` (codes; every category when empty), with
    /// great-circle km, or the cost matrix `costs` (municipality code → service id → cost).
    public init(
        inputs: AccessInputs, config: AnalysisConfig, only: [String] = [], costs: [String: [String: Double]]? = nil
    ) {
        self.inputs = inputs
        self.config = config
        let categories = only.isEmpty ? inputs.categories : inputs.categories.filter { only.contains($0.code) }
        self.categories = categories
        let origins = SpherePoints(inputs.demand.points)
        let results = Results(count: categories.count)
        DispatchQueue.concurrentPerform(iterations: categories.count) { n in
            let code = categories[n].code
            results.set(
                n,
                Self.column(
                    inputs.supply[code] ?? AccessInputs.Supply(), demand: inputs.demand, origins: origins,
                    catchment: config.catchment(code), costs: costs))
        }
        columns = Dictionary(uniqueKeysWithValues: zip(categories.map(\.code), results.columns.map { $0! }))
    }

    /// One category's A and relative A: the pairs within the catchment, then 2SFCA.
    static func column(
        _ supply: AccessInputs.Supply, demand: AccessInputs.Demand, origins: SpherePoints,
        catchment: AnalysisConfig.Catchment, costs: [String: [String: Double]]?
    ) -> Column {
        var pairs: [TwoStepFCA.Pair] = []
        if let costs {
            for (i, code) in demand.codes.enumerated() {
                guard let row = costs[code] else { continue }
                for (j, id) in supply.ids.enumerated() {
                    if let cost = row[id], cost <= catchment.maxCost {
                        pairs.append(.init(demand: i, supply: j, cost: cost))
                    }
                }
            }
        } else if !supply.ids.isEmpty {
            pairs = CatchmentGrid(points: supply.points, radiusKilometres: catchment.maxCost).pairs(from: origins)
        }
        let access = TwoStepFCA(
            populations: demand.populations, capacities: supply.capacities, pairs: pairs, weight: catchment.weight
        ).accessibility()
        return Column(access: access, ratio: TwoStepFCA.relative(access, populations: demand.populations))
    }

    /// The columns computed on several threads, each written once.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var columns: [Column?]

        init(count: Int) { columns = Array(repeating: nil, count: count) }

        func set(_ n: Int, _ column: Column) {
            lock.lock()
            columns[n] = column
            lock.unlock()
        }
    }
}
