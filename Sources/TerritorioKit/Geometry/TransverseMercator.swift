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

    static let a = 6_378_137.0
    static let f = 1 / 298.257223563
    static let n = f / (2 - f)
    static let rectifying = a / (1 + n) * (1 + n * n / 4 + pow(n, 4) / 64)
    static let alpha: [Double] = [
        n / 2 - 2 * n * n / 3 + 5 * pow(n, 3) / 16 + 41 * pow(n, 4) / 180,
        13 * n * n / 48 - 3 * pow(n, 3) / 5 + 557 * pow(n, 4) / 1440,
        61 * pow(n, 3) / 240 - 103 * pow(n, 4) / 140,
        49561 * pow(n, 4) / 161_280,
    ]

    /// Easting (x) and northing (y) in metres of a WGS84 longitude/latitude.
    public func project(_ c: Coordinate) -> Coordinate {
        let rad = Double.pi / 180
        let phi = c.lat * rad, lambda = (c.lon - centralMeridian) * rad
        let e = 2 * Self.n.squareRoot() / (1 + Self.n)
        let t = sinh(atanh(sin(phi)) - e * atanh(e * sin(phi)))
        let xi = atan2(t, cos(lambda))
        let eta = atanh(sin(lambda) / (1 + t * t).squareRoot())
        var x = eta, y = xi
        for (j, a) in Self.alpha.enumerated() {
            let k = Double(2 * (j + 1))
            x += a * cos(k * xi) * sinh(k * eta)
            y += a * sin(k * xi) * cosh(k * eta)
        }
        return Coordinate(x: falseEasting + scale * Self.rectifying * x, y: falseNorthing + scale * Self.rectifying * y)
    }
}
