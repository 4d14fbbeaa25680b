import Foundation

/// What the accessibility index (``AccessIndex``) reads from a store, and nothing more: the
/// consortium's municipalities (code, name, population, representative point) and, per
/// category, the services' ids, points and capacities, as flat arrays. `territorio report
/// access` reads these instead of ``GapInputs`` (no submissions, no service text fields).
public struct AccessInputs: Sendable {
    /// The consortium's municipalities, by code, as parallel arrays.
    public struct Demand: Sendable {
        public private(set) var codes: [String] = []
        public private(set) var names: [String] = []
        /// Residents (0 when unknown), as ``GapAnalysis`` counts them.
        public private(set) var populations: [Double] = []
        public private(set) var points: [Coordinate] = []

        public init() {}

        public mutating func append(code: String, name: String, population: Int, point: Coordinate) {
            codes.append(code)
            names.append(name)
            populations.append(Double(population))
            points.append(point)
        }
    }

    /// The services of one category, by id, as parallel arrays.
    public struct Supply: Sendable {
        public private(set) var ids: [String] = []
        public private(set) var points: [Coordinate] = []
        /// Capacity, 1 when unknown (as ``GapAnalysis``).
        public private(set) var capacities: [Double] = []

        public init() {}

        public mutating func append(id: String, point: Coordinate, capacity: Double?) {
            ids.append(id)
            points.append(point)
            capacities.append(capacity ?? 1)
        }
    }

    /// The taxonomy, in its order.
    public var categories: [Category]
    public var demand: Demand
    /// The services of each category code (a category without services is absent).
    public var supply: [String: Supply]

    /// Every stored property, as given (backends in other modules build this value).
    public init(categories: [Category], demand: Demand, supply: [String: Supply]) {
        self.categories = categories
        self.demand = demand
        self.supply = supply
    }

    /// Whether no service of any category was read.
    public var hasNoServices: Bool { supply.values.allSatisfy { $0.ids.isEmpty } }
}
