/// A position in the plane: longitude/latitude in degrees (EPSG:4326), or metres in a projection.
public struct Coordinate: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
    /// Longitude (x) and latitude (y), WGS84.
    public init(lon: Double, lat: Double) {
        self.x = lon
        self.y = lat
    }
    public var lon: Double { x }
    public var lat: Double { y }
}

/// A polygon: an exterior ring followed by zero or more holes. Rings are closed
/// (first coordinate repeated last), as in GeoJSON and WKB.
public struct Polygon: Hashable, Sendable {
    public var rings: [[Coordinate]]
    public init(rings: [[Coordinate]]) { self.rings = rings }
    public var exterior: [Coordinate] { rings.first ?? [] }
}

/// One or more polygons: the geometry of a municipality (an exclave is a second polygon).
public struct MultiPolygon: Hashable, Sendable {
    public var polygons: [Polygon]
    public init(polygons: [Polygon]) { self.polygons = polygons }
    public init(_ polygon: Polygon) { self.polygons = [polygon] }

    /// Every coordinate, in order.
    public var coordinates: some Sequence<Coordinate> {
        polygons.lazy.flatMap { $0.rings.lazy.flatMap { $0 } }
    }

    public var boundingBox: BoundingBox? { BoundingBox(coordinates) }
}

/// An axis-aligned extent.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The extent of `coordinates`, or nil when there are none.
    public init?(_ coordinates: some Sequence<Coordinate>) {
        var box: BoundingBox?
        for c in coordinates {
            if box == nil {
                box = BoundingBox(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
            } else {
                box!.minX = min(box!.minX, c.x)
                box!.maxX = max(box!.maxX, c.x)
                box!.minY = min(box!.minY, c.y)
                box!.maxY = max(box!.maxY, c.y)
            }
        }
        guard let box else { return nil }
        self = box
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// Whether the two boxes share interior area (touching edges do not count).
    public func intersects(_ other: BoundingBox) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies entirely inside this box.
    public func contains(_ other: BoundingBox) -> Bool {
        minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
    }

    /// The box grown by `d` on every side (shrunk when `d` is negative).
    public func padded(_ d: Double) -> BoundingBox {
        BoundingBox(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }
}
