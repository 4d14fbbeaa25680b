/// Finds which of a set of polygons (municipalities) contains a point.
///
/// Each polygon is prepared once (GEOS prepared geometry); candidates are first filtered by
/// bounding box. Belongs to the task that made it (not `Sendable`).
public final class PointLocator {
    private let engine: GeometryEngine
    private var entries: [(id: String, box: BoundingBox, prepared: PreparedPolygon)] = []

    public init(_ zones: [(id: String, shape: MultiPolygon)], engine: GeometryEngine = GeometryEngine()) throws(GeometryError) {
        self.engine = engine
        for zone in zones {
            guard let box = zone.shape.boundingBox else { continue }
            entries.append((zone.id, box, try engine.prepare(zone.shape)))
        }
    }

    /// The id of the zone covering `point` (inside or on its boundary), or nil.
    public func locate(_ point: Coordinate) throws(GeometryError) -> String? {
        for e in entries where point.x >= e.box.minX && point.x <= e.box.maxX && point.y >= e.box.minY && point.y <= e.box.maxY {
            if try e.prepared.covers(point) { return e.id }
        }
        return nil
    }
}
