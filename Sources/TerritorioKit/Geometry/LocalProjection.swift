import Foundation

/// An equirectangular projection centred on a small area, in metres:
/// x = R·(λ − λ₀)·cos φ₀, y = R·(φ − φ₀), with R the mean Earth radius (6,371,008.8 m).
///
/// Over an area the size of a consortium (≈ 60 km) distances are off by well under 1 %,
/// enough for constructions such as Voronoi cells; it is exactly invertible.
public struct LocalProjection: Sendable {
    public static let earthRadius = 6_371_008.8
    public let origin: Coordinate
    private let kx: Double
    private let ky: Double

    public init(origin: Coordinate) {
        self.origin = origin
        ky = Self.earthRadius * .pi / 180
        kx = ky * cos(origin.lat * .pi / 180)
    }

    /// Centred on the mean of `points`.
    public init(centredOn points: [Coordinate]) {
        let n = Double(max(points.count, 1))
        self.init(origin: Coordinate(lon: points.reduce(0) { $0 + $1.lon } / n, lat: points.reduce(0) { $0 + $1.lat } / n))
    }

    public func project(_ c: Coordinate) -> Coordinate {
        Coordinate(x: (c.lon - origin.lon) * kx, y: (c.lat - origin.lat) * ky)
    }

    public func unproject(_ c: Coordinate) -> Coordinate {
        Coordinate(lon: origin.lon + c.x / kx, lat: origin.lat + c.y / ky)
    }

    public func unproject(_ shape: MultiPolygon) -> MultiPolygon {
        MultiPolygon(polygons: shape.polygons.map { Polygon(rings: $0.rings.map { $0.map(unproject) }) })
    }
}
