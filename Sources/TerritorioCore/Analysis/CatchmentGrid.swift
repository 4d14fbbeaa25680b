import Foundation

/// The (demand, supply) pairs within a catchment, over flat arrays.
///
/// The supply points are sorted by the grid cell of ``ProximityIndex`` (cells as large as the
/// radius), so that the cells of one grid row around a demand point are one contiguous run of
/// the sorted array: two binary searches per row instead of a dictionary look-up per cell.
/// Before the haversine, a candidate is skipped when its latitude difference alone, or its
/// chord on the unit sphere, puts it beyond the radius (both bounds with a margin far above
/// rounding). The pairs are those of ``ProximityIndex/within(_:of:)`` with the same bits: the
/// same candidate cells, the same distance function, by demand and then by supply index.
struct CatchmentGrid {
    /// One supply point, with what the distance tests need, and its supply index.
    private struct Candidate {
        var point: Coordinate
        var cosLat: Double
        var x: Double
        var y: Double
        var z: Double
        var supply: UInt32
    }

    /// The grid key of each candidate, ascending.
    private let keys: [Int64]
    private let candidates: [Candidate]
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
        let sphere = SpherePoints(keyed.map { supply[Int($0.1)] })
        candidates = keyed.indices.map { k in
            Candidate(
                point: sphere.coordinate(k), cosLat: sphere.cosLat[k], x: sphere.x[k], y: sphere.y[k],
                z: sphere.z[k], supply: keyed[k].1)
        }
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
        out.reserveCapacity(origins.count * 8)
        // Supply index in the high half, the position in `costs` in the low half.
        var found: [UInt64] = []
        var costs: [Double] = []
        var scratch: [UInt64] = []
        var bounds: [Int] = []
        found.reserveCapacity(256)
        costs.reserveCapacity(256)
        keys.withUnsafeBufferPointer { keys in
            candidates.withUnsafeBufferPointer { candidates in
                for i in 0..<origins.count {
                    found.removeAll(keepingCapacity: true)
                    costs.removeAll(keepingCapacity: true)
                    let origin = Candidate(
                        point: origins.coordinate(i), cosLat: origins.cosLat[i], x: origins.x[i], y: origins.y[i],
                        z: origins.z[i], supply: 0)
                    collect(around: origin, keys: keys, candidates: candidates, found: &found, costs: &costs)
                    Self.sortRuns(&found, scratch: &scratch, bounds: &bounds)
                    for f in found {
                        out.append(TwoStepFCA.Pair(demand: i, supply: Int(f >> 32), cost: costs[Int(f & 0xFFFF_FFFF)]))
                    }
                }
            }
        }
        return out
    }

    private func collect(
        around origin: Candidate, keys: UnsafeBufferPointer<Int64>, candidates: UnsafeBufferPointer<Candidate>,
        found: inout [UInt64], costs: inout [Double]
    ) {
        let lat = origin.point.lat
        let row = Int64(floor(lat / cellDegrees))
        let column = Int64(floor(origin.point.lon / cellDegrees))
        let span = ProximityIndex.columnSpan(latitude: lat, cellDegrees: cellDegrees)
        for r in (row - 1)...(row + 1) {
            let end = Self.lowerBound(keys, r * 1_000_003 + column + span + 1)
            var k = Self.lowerBound(keys, r * 1_000_003 + column - span)
            while k < end {
                let c = candidates[k]
                k += 1
                if abs(c.point.lat - lat) > latitudeBand { continue }
                let dx = c.x - origin.x
                let dy = c.y - origin.y
                let dz = c.z - origin.z
                if dx * dx + dy * dy + dz * dz > chordLimit { continue }
                let d = haversineKilometres(origin.point, cosLatA: origin.cosLat, c.point, cosLatB: c.cosLat)
                if d <= radius {
                    found.append(UInt64(c.supply) << 32 | UInt64(costs.count))
                    costs.append(d)
                }
            }
        }
    }

    /// Ascending, by merging neighbouring runs that are ascending already (one per grid cell,
    /// a dozen or so), pass after pass; `scratch` and `bounds` are reused between calls.
    private static func sortRuns(_ values: inout [UInt64], scratch: inout [UInt64], bounds: inout [Int]) {
        bounds.removeAll(keepingCapacity: true)
        bounds.append(0)
        for i in values.indices.dropFirst() where values[i] < values[i - 1] { bounds.append(i) }
        guard bounds.count > 1 else { return }
        bounds.append(values.count)
        if scratch.count < values.count { scratch = [UInt64](repeating: 0, count: values.count * 2) }
        while bounds.count > 2 {
            var kept = 0
            var k = 0
            while k + 2 < bounds.count {
                merge(&values, bounds[k]..<bounds[k + 1], bounds[k + 1]..<bounds[k + 2], scratch: &scratch)
                bounds[kept] = bounds[k]
                kept += 1
                k += 2
            }
            // A run left without a partner stays as it is.
            if k + 1 < bounds.count {
                bounds[kept] = bounds[k]
                kept += 1
            }
            bounds[kept] = values.count
            bounds.removeLast(bounds.count - kept - 1)
        }
    }

    /// Merges the ascending neighbours `a` and `b` of `values` in place, through `scratch`.
    private static func merge(_ values: inout [UInt64], _ a: Range<Int>, _ b: Range<Int>, scratch: inout [UInt64]) {
        values.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                var i = a.lowerBound
                var j = b.lowerBound
                var o = a.lowerBound
                while i < a.upperBound && j < b.upperBound {
                    if v[j] < v[i] {
                        s[o] = v[j]
                        j += 1
                    } else {
                        s[o] = v[i]
                        i += 1
                    }
                    o += 1
                }
                while i < a.upperBound {
                    s[o] = v[i]
                    i += 1
                    o += 1
                }
                // The rest of `b` is already in place.
                for n in a.lowerBound..<o { v[n] = s[n] }
            }
        }
    }

    /// The first position whose key is at least `key`.
    private static func lowerBound(_ keys: UnsafeBufferPointer<Int64>, _ key: Int64) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
