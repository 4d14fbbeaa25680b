import Foundation

/// Points on the sphere as flat arrays: latitude, longitude, `cos(latitude)` (for the
/// haversine) and the unit vector (for a chord test that rules out far pairs without a sine).
struct SpherePoints: Sendable {
    private(set) var lat: [Double] = []
    private(set) var lon: [Double] = []
    private(set) var cosLat: [Double] = []
    private(set) var x: [Double] = []
    private(set) var y: [Double] = []
    private(set) var z: [Double] = []

    init(_ points: some Sequence<Coordinate>) {
        for p in points { append(p) }
    }

    var count: Int { lat.count }

    mutating func append(_ p: Coordinate) {
        let phi = p.lat * haversineRadians
        let lambda = p.lon * haversineRadians
        let c = cos(phi)
        lat.append(p.lat)
        lon.append(p.lon)
        cosLat.append(c)
        x.append(c * cos(lambda))
        y.append(c * sin(lambda))
        z.append(sin(phi))
    }

    func coordinate(_ i: Int) -> Coordinate { Coordinate(lon: lon[i], lat: lat[i]) }

    /// The squared straight-line distance between point `i` and point `j` of `other`, on the unit sphere.
    @inline(__always)
    func chordSquared(_ i: Int, _ other: SpherePoints, _ j: Int) -> Double {
        let dx = x[i] - other.x[j]
        let dy = y[i] - other.y[j]
        let dz = z[i] - other.z[j]
        return dx * dx + dy * dy + dz * dz
    }
}
