import CGEOS
import Foundation
import TerritorioCore

/// Spatial operations on territorio's shapes, backed by GEOS.
///
/// Each engine owns one GEOS context, which is not thread-safe: create one engine per task
/// and pass shapes (Swift values, or WKB `Data`) between tasks, never engines.
///
/// ## Topics
/// - Validity: ``validity(of:)``, ``repaired(_:)``
/// - Points: ``representativePoint(of:)``, ``prepare(_:)``
/// - Measures: ``area(of:)``, ``intersectionArea(_:_:)``
public final class GeometryEngine {
    package let context = GEOSContext()

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
            guard let reason = GEOSisValidReason_r(context.handle, g.pointer) else {
                return .invalid(reason: "invalid")
            }
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

    /// A shape prepared for many fast point-in-polygon tests.
    public func prepare(_ shape: MultiPolygon) throws(GeometryError) -> PreparedPolygon {
        try PreparedPolygon(engine: self, geometry: try geos(shape))
    }

    // MARK: - Conversions (internal to the geometry layer)

    package func geos(_ shape: MultiPolygon) throws(GeometryError) -> GEOSGeom {
        try GEOSGeom.fromWKB(context, WKB.encode(shape))
    }

    /// The polygons of any geometry (a collection's lines and points are dropped) as a MultiPolygon.
    package func polygonalPart(of g: GEOSGeom) throws(GeometryError) -> MultiPolygon {
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

    package init(engine: GeometryEngine, geometry: GEOSGeom) throws(GeometryError) {
        guard let p = GEOSPrepare_r(engine.context.handle, geometry.pointer) else {
            throw engine.context.error("Prepare")
        }
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
