import CGEOS
import Foundation

/// Spatial operations on territorio's shapes, backed by GEOS.
///
/// Each engine owns one GEOS context, which is not thread-safe: create one engine per task
/// and pass shapes (Swift values, or WKB `Data`) between tasks, never engines.
///
/// ## Topics
/// - Validity: ``validity(of:)``, ``repaired(_:)``
/// - Points: ``representativePoint(of:)``, ``prepare(_:)``
/// - Construction: ``voronoiCells(around:clippedTo:)``, ``convexHull(of:)``, ``buffer(_:by:)``
/// - Measures: ``area(of:)``, ``intersectionArea(_:_:)``
public final class GeometryEngine {
    let context = GEOSContext()

    public init() {}

    /// Whether a shape is valid in the OGC sense, and why not.
    public enum Validity: Equatable, Sendable {
        case valid
        case invalid(reason: String)
    }

    public func validity(of shape: MultiPolygon) throws(GeometryError) -> Validity {
        let g = try geos(shape)
        switch GEOSisValid_r(context.handle, g.pointer) {
        case 1: return .valid
        case 0:
            guard let reason = GEOSisValidReason_r(context.handle, g.pointer) else { return .invalid(reason: "invalid") }
            defer { GEOSFree_r(context.handle, reason) }
            return .invalid(reason: String(cString: reason))
        default: throw context.error("isValid")
        }
    }

    /// A valid version of `shape` (GEOS `MakeValid`, "structure" method), keeping only its
    /// polygonal parts: collapsed rings and dangling lines are dropped.
    public func repaired(_ shape: MultiPolygon) throws(GeometryError) -> MultiPolygon {
        let g = try geos(shape)
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.error("MakeValidParams") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
        let fixed = try g.unary("MakeValid") { GEOSMakeValidWithParams_r($0, $1, params) }
        return try polygonalPart(of: fixed)
    }

    /// A point guaranteed to lie inside `shape` (GEOS `PointOnSurface`): where a label goes,
    /// and where distances to a municipality are measured from.
    public func representativePoint(of shape: MultiPolygon) throws(GeometryError) -> Coordinate {
        let g = try geos(shape)
        return try g.unary("PointOnSurface") { GEOSPointOnSurface_r($0, $1) }.pointXY()
    }

    public func area(of shape: MultiPolygon) throws(GeometryError) -> Double {
        try geos(shape).area()
    }

    /// Area of the intersection of two shapes (0 when they only touch).
    public func intersectionArea(_ a: MultiPolygon, _ b: MultiPolygon) throws(GeometryError) -> Double {
        try geos(a).binary("Intersection", try geos(b)) { GEOSIntersection_r($0, $1, $2) }.area()
    }

    public func convexHull(of points: [Coordinate]) throws(GeometryError) -> MultiPolygon {
        let hull = try multiPoint(points).unary("ConvexHull") { GEOSConvexHull_r($0, $1) }
        return try polygonalPart(of: hull)
    }

    /// `shape` grown by `distance` (in the shape's units), with round corners.
    public func buffer(_ shape: MultiPolygon, by distance: Double) throws(GeometryError) -> MultiPolygon {
        let g = try geos(shape)
        return try polygonalPart(of: try g.unary("Buffer") { GEOSBuffer_r($0, $1, distance, 8) })
    }

    /// Voronoi cells of `points`, each clipped to `clip`, returned in the order of `points`.
    /// Every cell contains its point (when the point is inside `clip`); cells do not overlap.
    /// Points must be distinct.
    public func voronoiCells(around points: [Coordinate], clippedTo clip: MultiPolygon) throws(GeometryError) -> [MultiPolygon] {
        let sites = try multiPoint(points)
        let clipGeom = try geos(clip)
        let diagram = try sites.binary("VoronoiDiagram", clipGeom) { GEOSVoronoiDiagram_r($0, $1, $2, 0, 0) }
        let cells = try diagram.parts()
        var byPoint = [MultiPolygon?](repeating: nil, count: points.count)
        for cell in cells {
            guard let prepared = GEOSPrepare_r(context.handle, cell.pointer) else { throw context.error("Prepare") }
            defer { GEOSPreparedGeom_destroy_r(context.handle, prepared) }
            for (i, p) in points.enumerated() where byPoint[i] == nil {
                let pg = try GEOSGeom.point(context, p)
                if GEOSPreparedIntersects_r(context.handle, prepared, pg.pointer) == 1 {
                    let clipped = try cell.binary("Intersection", clipGeom) { GEOSIntersection_r($0, $1, $2) }
                    byPoint[i] = try polygonalPart(of: clipped)
                    break
                }
            }
        }
        return try byPoint.enumerated().map { (i, cell) throws(GeometryError) -> MultiPolygon in
            guard let cell else { throw .geos(operation: "VoronoiDiagram", message: "no cell for point \(i) (duplicate point?)") }
            return cell
        }
    }

    /// A shape prepared for many fast point-in-polygon tests.
    public func prepare(_ shape: MultiPolygon) throws(GeometryError) -> PreparedPolygon {
        try PreparedPolygon(engine: self, geometry: try geos(shape))
    }

    // MARK: - Conversions (internal to the geometry layer)

    func geos(_ shape: MultiPolygon) throws(GeometryError) -> GEOSGeom {
        try GEOSGeom.fromWKB(context, WKB.encode(shape))
    }

    func multiPoint(_ points: [Coordinate]) throws(GeometryError) -> GEOSGeom {
        var members: [GEOSGeom] = []
        members.reserveCapacity(points.count)
        for p in points { members.append(try GEOSGeom.point(context, p)) }
        return try GEOSGeom.collection(context, type: GEOS_MULTIPOINT, members)
    }

    /// The polygons of any geometry (a collection's lines and points are dropped) as a MultiPolygon.
    func polygonalPart(of g: GEOSGeom) throws(GeometryError) -> MultiPolygon {
        if g.isPolygonal { return try WKB.decodeMultiPolygon(try g.wkb()) }
        var polygons: [Polygon] = []
        for part in try g.parts() where part.isPolygonal {
            polygons += try WKB.decodeMultiPolygon(try part.wkb()).polygons
        }
        return MultiPolygon(polygons: polygons)
    }
}

/// A polygon prepared for repeated point-in-polygon tests (GEOS prepared geometry).
/// Belongs to the engine that made it; not `Sendable`.
public final class PreparedPolygon {
    private let engine: GeometryEngine
    private let geometry: GEOSGeom
    private let prepared: OpaquePointer

    init(engine: GeometryEngine, geometry: GEOSGeom) throws(GeometryError) {
        guard let p = GEOSPrepare_r(engine.context.handle, geometry.pointer) else { throw engine.context.error("Prepare") }
        self.engine = engine
        self.geometry = geometry
        self.prepared = p
    }

    deinit { GEOSPreparedGeom_destroy_r(engine.context.handle, prepared) }

    /// True when `point` is inside or on the boundary.
    public func covers(_ point: Coordinate) throws(GeometryError) -> Bool {
        let p = try GEOSGeom.point(engine.context, point)
        switch GEOSPreparedCovers_r(engine.context.handle, prepared, p.pointer) {
        case 1: return true
        case 0: return false
        default: throw engine.context.error("PreparedCovers")
        }
    }

    /// True when `point` is strictly inside.
    public func contains(_ point: Coordinate) throws(GeometryError) -> Bool {
        let p = try GEOSGeom.point(engine.context, point)
        switch GEOSPreparedContains_r(engine.context.handle, prepared, p.pointer) {
        case 1: return true
        case 0: return false
        default: throw engine.context.error("PreparedContains")
        }
    }
}
