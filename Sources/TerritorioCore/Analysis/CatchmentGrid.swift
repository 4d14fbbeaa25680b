import Foundation

/// The (demand, supply) pairs within a catchment, over flat arrays.
///
/// The supply points are sorted by the grid cell of ``ProximityIndex`` (cells as large as the
/// radius), so that the cells of one grid row around a demand point are one contiguous run of
/// the sorted arrays: three binary searches per row instead of a dictionary look-up per cell.
/// Before the haversine, a candidate is skipped when its latitude difference alone, or its
/// chord on the unit sphere, puts it beyond the radius (both bounds with a margin far above
/// rounding). The pairs are those of ``ProximityIndex/within(_:of:)`` with the same bits: the
/// same candidate cells, the same distance function, by demand and then by supply index.
struct CatchmentGrid {
    private let keys: [Int64]
    /// The supply index of each sorted position.
    private let order: [UInt32]
    private let points: SpherePoints
    private let cellDegrees: Double
    private let radius: Double
    /// Degrees of latitude beyond which a point is certainly farther than the radius.
    private let latitudeBand: Double
    /// Squared chord beyond which a point is certainly farther than the radius.
    private let chordLimit: Double

    init(points supply: [Coordinate], radiusKilometres: Double) {
        radius = radiusKilometres
        let cell = ProximityIndex.cellDegrees(radiusKilometres)
        cellDegrees = cell
        let keyed = supply.indices.map { (ProximityIndex.key(supply[$0], cell), UInt32($0)) }.sorted { $0 < $1 }
        keys = keyed.map { $0.0 }
        order = keyed.map { $0.1 }
        points = SpherePoints(keyed.map { supply[Int($0.1)] })
        let earth = 6371.0088
        latitudeBand = radiusKilometres / (haversineRadians * earth) * (1 + 1e-9)
        let half = radiusKilometres / (2 * earth)
        chordLimit = half >= .pi / 2 ? .infinity : 4 * sin(half) * sin(half) * (1 + 1e-9) + 1e-20
    }

    /// Every pair of an origin and a supply point at most the radius apart, by origin and then
    /// by supply index, with its great-circle distance.
    func pairs(from origins: SpherePoints) -> [TwoStepFCA.Pair] {
        var out: [TwoStepFCA.Pair] = []
        guard !keys.isEmpty else { return out }
        var found: [UInt64] = []
        var costs: [Double] = []
        for i in 0..<origins.count {
            found.removeAll(keepingCapacity: true)
            costs.removeAll(keepingCapacity: true)
            collect(around: i, of: origins, found: &found, costs: &costs)
            // Supply index in the high half, the position in `costs` in the low half.
            found.sort()
            for f in found {
                out.append(TwoStepFCA.Pair(demand: i, supply: Int(f >> 32), cost: costs[Int(f & 0xFFFF_FFFF)]))
            }
        }
        return out
    }

    private func collect(around i: Int, of origins: SpherePoints, found: inout [UInt64], costs: inout [Double]) {
        let origin = origins.coordinate(i)
        let row = Int64(floor(origin.lat / cellDegrees))
        let column = Int64(floor(origin.lon / cellDegrees))
        let span = ProximityIndex.columnSpan(latitude: origin.lat, cellDegrees: cellDegrees)
        let cosOrigin = origins.cosLat[i]
        for r in (row - 1)...(row + 1) {
            let end = lowerBound(r * 1_000_003 + column + span + 1)
            for k in lowerBound(r * 1_000_003 + column - span)..<end {
                if abs(points.lat[k] - origin.lat) > latitudeBand { continue }
                if origins.chordSquared(i, points, k) > chordLimit { continue }
                let d = haversineKilometres(origin, cosLatA: cosOrigin, points.coordinate(k), cosLatB: points.cosLat[k])
                if d <= radius {
                    found.append(UInt64(order[k]) << 32 | UInt64(costs.count))
                    costs.append(d)
                }
            }
        }
    }

    /// The first sorted position whose key is at least `key`.
    private func lowerBound(_ key: Int64) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
