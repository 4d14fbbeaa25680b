import Foundation

/// Great-circle distance in kilometres (haversine, mean Earth radius 6,371.0088 km).
public func haversineKilometres(_ a: Coordinate, _ b: Coordinate) -> Double {
    haversineKilometres(a, cosLatA: cos(a.lat * haversineRadians), b, cosLatB: cos(b.lat * haversineRadians))
}

let haversineRadians = Double.pi / 180

/// The same distance with each point's `cos(latitude)` computed once by the caller: the same
/// operations in the same order, so the same bits.
@inline(__always)
func haversineKilometres(_ a: Coordinate, cosLatA: Double, _ b: Coordinate, cosLatB: Double) -> Double {
    let r = 6371.0088
    let dLat = (b.lat - a.lat) * haversineRadians
    let dLon = (b.lon - a.lon) * haversineRadians
    let sinLat = sin(dLat / 2)
    let sinLon = sin(dLon / 2)
    let h = sinLat * sinLat + cosLatA * cosLatB * sinLon * sinLon
    return 2 * r * asin(min(1, h.squareRoot()))
}

/// Two-step floating catchment area (2SFCA), as PySAL `access` computes it:
///
///     R_j = S_j / Σ_k P_k f(c_kj)      over demand k with c_kj ≤ max_cost
///     A_i = Σ_j R_j f(c_ij)            over supply j with c_ij ≤ max_cost
///
/// P is the population of each municipality, S the capacity of each service (1 when unknown),
/// c the cost (km, or from a cost matrix), f the weight function. A municipality that reaches no
/// service has no value (nil), not zero. As in PySAL `access` 1.1.10, the catchment includes
/// its edge (cost ≤ max_cost).
///
/// With a single step f ≡ 1 inside the catchment this is the 2SFCA of Luo & Wang (2003); with
/// several steps, a Gaussian or a gravity f it is the enhanced 2SFCA (E2SFCA) of Luo & Qi (2009).
/// See `docs/method.md`.
///
/// - Luo, W. & Wang, F. (2003). Measures of spatial accessibility to health care in a GIS
///   environment: synthesis and a case study in the Chicago region. *Environment and Planning B:
///   Planning and Design* 30(6), 865–884.
/// - Luo, W. & Qi, Y. (2009). An enhanced two-step floating catchment area (E2SFCA) method for
///   measuring spatial accessibility to primary care physicians. *Health & Place* 15(4), 1100–1107.
///
/// ```swift
/// // Two municipalities of 1,000 and 3,000 people, one service of capacity 2 reached by both:
/// let fca = TwoStepFCA(populations: [1_000, 3_000], capacities: [2],
///                      pairs: [.init(demand: 0, supply: 0, cost: 3), .init(demand: 1, supply: 0, cost: 8)],
///                      weight: .step([.init(threshold: 10, weight: 1)]))
/// // R = 2 / 4,000 = 0.0005 services per resident; both municipalities get A = 0.0005.
/// ```
public struct TwoStepFCA {
    /// One reachable (demand, supply) pair with its cost.
    public struct Pair: Sendable {
        public var demand: Int
        public var supply: Int
        public var cost: Double
    }

    public var populations: [Double]
    public var capacities: [Double]
    /// Every pair with cost ≤ max_cost (others do not count).
    public var pairs: [Pair]
    public var weight: WeightFunction

    public init(populations: [Double], capacities: [Double], pairs: [Pair], weight: WeightFunction) {
        self.populations = populations
        self.capacities = capacities
        self.pairs = pairs
        self.weight = weight
    }

    /// A_i for each demand location (nil when it reaches no supply).
    public func accessibility() -> [Double?] {
        var weights = [Double](repeating: 0, count: pairs.count)
        var weightedDemand = [Double](repeating: 0, count: capacities.count)
        var reached = [Bool](repeating: false, count: populations.count)
        for (n, p) in pairs.enumerated() {
            let w = weight(p.cost)
            weights[n] = w
            weightedDemand[p.supply] += populations[p.demand] * w
            reached[p.demand] = true
        }
        var access = [Double](repeating: 0, count: populations.count)
        for (n, p) in pairs.enumerated() {
            let term = (capacities[p.supply] / weightedDemand[p.supply]) * weights[n]
            if !term.isNaN { access[p.demand] += term }  // pandas skips NaN (0/0, inf·0)
        }
        return access.indices.map { reached[$0] ? access[$0] : nil }
    }

    /// A_i divided by the population-weighted mean of A (PySAL's `normalize=True`):
    /// mean = Σ A_i P_i (reached i) / Σ P_i (all i).
    public static func relative(_ access: [Double?], populations: [Double]) -> [Double?] {
        var numerator = 0.0
        for (a, p) in zip(access, populations) { if let a { numerator += a * p } }
        let mean = numerator / populations.reduce(0, +)
        return access.map { a in a.map { mean > 0 ? $0 / mean : .nan } }
    }
}

/// Finds, for each origin, the destinations within a distance, using a grid of cells as large
/// as the distance: only the cells around an origin are searched. Each point's `cos(latitude)`
/// is computed once (the distance's costliest part).
public struct ProximityIndex {
    private let cells: [Int64: [Int32]]
    private let points: [Coordinate]
    private let cosLat: [Double]
    /// Point indices by latitude, for ``nearest(to:)``.
    private let byLatitude: [Int32]
    private let cellDegrees: Double

    public init(points: [Coordinate], radiusKilometres: Double) {
        self.points = points
        cosLat = points.map { cos($0.lat * haversineRadians) }
        byLatitude = points.indices.map { Int32($0) }.sorted { points[Int($0)].lat < points[Int($1)].lat }
        // One degree of latitude ≈ 111 km; longitude cells shrink with latitude, handled by widening.
        cellDegrees = Self.cellDegrees(radiusKilometres)
        var cells: [Int64: [Int32]] = [:]
        for (i, p) in points.enumerated() { cells[Self.key(p, cellDegrees), default: []].append(Int32(i)) }
        self.cells = cells
    }

    package static func key(_ p: Coordinate, _ size: Double) -> Int64 {
        Int64(floor(p.lat / size)) * 1_000_003 + Int64(floor(p.lon / size))
    }

    /// The side of a grid cell, in degrees, for a search radius in km.
    static func cellDegrees(_ radiusKilometres: Double) -> Double { max(radiusKilometres / 111.0, 1e-6) }

    /// Columns to search on each side at `latitude`: longitude degrees are shorter away from the equator.
    static func columnSpan(latitude: Double, cellDegrees: Double) -> Int64 {
        Int64(ceil(1 / max(cos(min(abs(latitude) + cellDegrees, 89) * .pi / 180), 0.01)))
    }

    /// Indices of points at most `radius` km from `origin`, with their distances, by index.
    public func within(_ radius: Double, of origin: Coordinate) -> [(index: Int, distance: Double)] {
        let row = Int64(floor(origin.lat / cellDegrees))
        let column = Int64(floor(origin.lon / cellDegrees))
        let cosOrigin = cos(origin.lat * haversineRadians)
        let span = Self.columnSpan(latitude: origin.lat, cellDegrees: cellDegrees)
        var out: [(index: Int, distance: Double)] = []
        for r in (row - 1)...(row + 1) {
            for c in (column - span)...(column + span) {
                guard let list = cells[r * 1_000_003 + c] else { continue }
                for i in list {
                    let j = Int(i)
                    let d = haversineKilometres(origin, cosLatA: cosOrigin, points[j], cosLatB: cosLat[j])
                    if d <= radius { out.append((j, d)) }
                }
            }
        }
        out.sort { $0.index < $1.index }
        return out
    }

    /// The nearest point to `origin` however far (the lowest index among equals), or nil when
    /// there is none. Searches outwards by latitude and stops once the latitude difference alone
    /// (a lower bound of the great-circle distance) exceeds the best distance found.
    public func nearest(to origin: Coordinate) -> (index: Int, distance: Double)? {
        guard !points.isEmpty else { return nil }
        let cosOrigin = cos(origin.lat * haversineRadians)
        var best: (index: Int, distance: Double)?
        func consider(_ position: Int) -> Bool {
            let j = Int(byLatitude[position])
            let bound = abs(points[j].lat - origin.lat) * haversineRadians * 6371.0088 * (1 - 1e-12)
            if let best, bound > best.distance { return false }
            let d = haversineKilometres(origin, cosLatA: cosOrigin, points[j], cosLatB: cosLat[j])
            if best == nil || d < best!.distance || (d == best!.distance && j < best!.index) { best = (j, d) }
            return true
        }
        var upper = byLatitude.partitionPoint { points[Int($0)].lat >= origin.lat }
        var lower = upper - 1
        var goingUp = true
        var goingDown = true
        while goingUp || goingDown {
            if goingUp { goingUp = upper < byLatitude.count && consider(upper) }
            if goingUp { upper += 1 }
            if goingDown { goingDown = lower >= 0 && consider(lower) }
            if goingDown { lower -= 1 }
        }
        return best
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it
    /// (every element that does not satisfy it comes first).
    fileprivate func partitionPoint(_ predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
