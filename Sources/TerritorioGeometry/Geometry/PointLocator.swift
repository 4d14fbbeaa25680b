import TerritorioCore

/// Finds which of a set of polygons (municipalities) contains a point.
///
/// Each polygon is prepared once (GEOS prepared geometry). Candidates come from a uniform
/// grid over the polygons' bounding boxes (about one cell per polygon), so a lookup tests only
/// the few polygons whose box covers the point's cell: national scale (7,899 municipalities)
/// costs about as much per point as a province. Belongs to the task that made it (not `Sendable`).
public final class PointLocator {
    private let engine: GeometryEngine
    private var entries: [(id: String, box: BoundingBox, prepared: PreparedPolygon)] = []
    private var grid: [[Int32]] = []
    private var origin = Coordinate(x: 0, y: 0)
    private var cellSize = 1.0
    private var columns = 1, rows = 1

    public init(_ zones: [(id: String, shape: MultiPolygon)], engine: GeometryEngine = GeometryEngine())
        throws(GeometryError)
    {
        self.engine = engine
        for zone in zones {
            guard let box = zone.shape.boundingBox else { continue }
            entries.append((zone.id, box, try engine.prepare(zone.shape)))
        }
        guard let extent = entries.map(\.box).reduce(nil, { $0?.union($1) ?? $1 }) else { return }
        let width = max(extent.maxX - extent.minX, 1e-9)
        let height = max(extent.maxY - extent.minY, 1e-9)
        cellSize = max((width * height / Double(max(entries.count, 1))).squareRoot(), 1e-6)
        columns = min(Int(width / cellSize) + 1, 4096)
        rows = min(Int(height / cellSize) + 1, 4096)
        cellSize = max(width / Double(columns), height / Double(rows)) * 1.000001
        origin = Coordinate(x: extent.minX, y: extent.minY)
        grid = Array(repeating: [], count: columns * rows)
        for (i, e) in entries.enumerated() {
            let (c0, r0) = cell(Coordinate(x: e.box.minX, y: e.box.minY))
            let (c1, r1) = cell(Coordinate(x: e.box.maxX, y: e.box.maxY))
            for r in r0...r1 { for c in c0...c1 { grid[r * columns + c].append(Int32(i)) } }
        }
    }

    private func cell(_ p: Coordinate) -> (Int, Int) {
        (
            min(max(Int((p.x - origin.x) / cellSize), 0), columns - 1),
            min(max(Int((p.y - origin.y) / cellSize), 0), rows - 1)
        )
    }

    /// The id of the zone covering `point` (inside or on its boundary), or nil.
    public func locate(_ point: Coordinate) throws(GeometryError) -> String? {
        guard !grid.isEmpty, point.x.isFinite, point.y.isFinite else { return nil }
        let (c, r) = cell(point)
        for i in grid[r * columns + c] {
            let e = entries[Int(i)]
            if point.x >= e.box.minX && point.x <= e.box.maxX && point.y >= e.box.minY && point.y <= e.box.maxY,
                try e.prepared.covers(point)
            {
                return e.id
            }
        }
        return nil
    }
}
