import Foundation

/// Universal Transverse Mercator on the WGS84 ellipsoid (Krüger series to n⁴, as in Karney
/// 2011; millimetre accuracy within a zone). Zone 32 North (EPSG:32632) keeps shapes and
/// distances right across Piedmont and Liguria, which is why the maps use it.
public struct TransverseMercator: Sendable {
    public let centralMeridian: Double
    public let falseEasting = 500_000.0
    public let falseNorthing = 0.0
    public let scale = 0.9996

    /// EPSG:32632, WGS 84 / UTM zone 32N.
    public static let utm32N = TransverseMercator(zone: 32)

    public init(zone: Int) { centralMeridian = Double(zone * 6 - 183) }

    package static let a = 6_378_137.0
    package static let f = 1 / 298.257223563
    package static let n = f / (2 - f)
    package static let rectifying = a / (1 + n) * (1 + n * n / 4 + pow(n, 4) / 64)
    package static let alpha: [Double] = [
        n / 2 - 2 * n * n / 3 + 5 * pow(n, 3) / 16 + 41 * pow(n, 4) / 180,
        13 * n * n / 48 - 3 * pow(n, 3) / 5 + 557 * pow(n, 4) / 1440,
        61 * pow(n, 3) / 240 - 103 * pow(n, 4) / 140,
        49561 * pow(n, 4) / 161_280
    ]

    package static let beta: [Double] = [
        n / 2 - 2 * n * n / 3 + 37 * pow(n, 3) / 96 - pow(n, 4) / 360,
        n * n / 48 + pow(n, 3) / 15 - 437 * pow(n, 4) / 1440,
        17 * pow(n, 3) / 480 - 37 * pow(n, 4) / 840,
        4397 * pow(n, 4) / 161_280
    ]
    package static let delta: [Double] = [
        2 * n - 2 * n * n / 3 - 2 * pow(n, 3) + 116 * pow(n, 4) / 45,
        7 * n * n / 3 - 8 * pow(n, 3) / 5 - 227 * pow(n, 4) / 45,
        56 * pow(n, 3) / 15 - 136 * pow(n, 4) / 35,
        4279 * pow(n, 4) / 630
    ]

    /// The WGS84 longitude/latitude of an easting (x) and northing (y) in metres: the inverse
    /// of ``project(_:)`` (Krüger series to n⁴; the latitude through the conformal latitude).
    public func unproject(_ p: Coordinate) -> Coordinate {
        let xi = (p.y - falseNorthing) / (scale * Self.rectifying)
        let eta = (p.x - falseEasting) / (scale * Self.rectifying)
        var xi1 = xi
        var eta1 = eta
        for (j, b) in Self.beta.enumerated() {
            let k = Double(2 * (j + 1))
            xi1 -= b * sin(k * xi) * cosh(k * eta)
            eta1 -= b * cos(k * xi) * sinh(k * eta)
        }
        let chi = asin(sin(xi1) / cosh(eta1))
        var phi = chi
        for (j, d) in Self.delta.enumerated() { phi += d * sin(Double(2 * (j + 1)) * chi) }
        let lambda = atan2(sinh(eta1), cos(xi1))
        let deg = 180 / Double.pi
        return Coordinate(lon: centralMeridian + lambda * deg, lat: phi * deg)
    }

    /// Easting (x) and northing (y) in metres of a WGS84 longitude/latitude.
    public func project(_ c: Coordinate) -> Coordinate {
        let rad = Double.pi / 180
        let phi = c.lat * rad
        let lambda = (c.lon - centralMeridian) * rad
        let e = 2 * Self.n.squareRoot() / (1 + Self.n)
        let t = sinh(atanh(sin(phi)) - e * atanh(e * sin(phi)))
        let xi = atan2(t, cos(lambda))
        let eta = atanh(sin(lambda) / (1 + t * t).squareRoot())
        var x = eta
        var y = xi
        for (j, a) in Self.alpha.enumerated() {
            let k = Double(2 * (j + 1))
            x += a * cos(k * xi) * sinh(k * eta)
            y += a * sin(k * xi) * cosh(k * eta)
        }
        return Coordinate(x: falseEasting + scale * Self.rectifying * x, y: falseNorthing + scale * Self.rectifying * y)
    }
}
