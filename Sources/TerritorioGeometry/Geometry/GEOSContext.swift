import CGEOS
import Foundation
import TerritorioCore

/// Owns one GEOS context handle and the last error message GEOS reported on it.
/// GEOS contexts are not thread-safe: a context belongs to one task at a time,
/// so this class is deliberately not `Sendable`. Nothing outside `Geometry/` sees the handle.
package final class GEOSContext {
    package final class MessageBox { var last = "" }

    package let handle: GEOSContextHandle_t
    private let messages = MessageBox()

    package init() {
        guard let h = GEOS_init_r() else { fatalError("GEOS_init_r failed: out of memory") }
        handle = h
        let box = Unmanaged.passUnretained(messages).toOpaque()
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userdata in
                guard let message, let userdata else { return }
                Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().last = String(cString: message)
            }, box)
        GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(handle) }

    /// The error GEOS reported for the failed `operation`.
    package func error(_ operation: String) -> GeometryError {
        let message = messages.last.isEmpty ? "no message" : messages.last
        messages.last = ""
        return .geos(operation: operation, message: message)
    }
}

/// A GEOS geometry owned by Swift: destroyed with its owner. The pointer never leaves this folder.
package final class GEOSGeom {
    package let context: GEOSContext
    package let pointer: OpaquePointer

    /// Takes ownership of `pointer`; nil (a GEOS failure) becomes a thrown error.
    package init(_ context: GEOSContext, owning pointer: OpaquePointer?, operation: String) throws(GeometryError) {
        guard let pointer else { throw context.error(operation) }
        self.context = context
        self.pointer = pointer
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }

    package var h: GEOSContextHandle_t { context.handle }

    package var typeID: Int32 { GEOSGeomTypeId_r(h, pointer) }
    package var typeName: String {
        guard let s = GEOSGeomType_r(h, pointer) else { return "unknown" }
        defer { GEOSFree_r(h, s) }
        return String(cString: s)
    }
    package var isPolygonal: Bool { typeID == GEOS_POLYGON.rawValue || typeID == GEOS_MULTIPOLYGON.rawValue }
    package var isEmpty: Bool { GEOSisEmpty_r(h, pointer) == 1 }

    package func clone() throws(GeometryError) -> GEOSGeom {
        try GEOSGeom(context, owning: GEOSGeom_clone_r(h, pointer), operation: "clone")
    }

    /// The parts of a collection, cloned (GEOS keeps ownership of the originals).
    package func parts() throws(GeometryError) -> [GEOSGeom] {
        let n = GEOSGetNumGeometries_r(h, pointer)
        guard n >= 0 else { throw context.error("GetNumGeometries") }
        var out: [GEOSGeom] = []
        for i in 0..<n {
            guard let part = GEOSGetGeometryN_r(h, pointer, i) else { throw context.error("GetGeometryN") }
            out.append(try GEOSGeom(context, owning: GEOSGeom_clone_r(h, part), operation: "clone"))
        }
        return out
    }

    package func wkb() throws(GeometryError) -> Data {
        guard let writer = GEOSWKBWriter_create_r(h) else { throw context.error("WKBWriter") }
        defer { GEOSWKBWriter_destroy_r(h, writer) }
        GEOSWKBWriter_setOutputDimension_r(h, writer, 2)
        GEOSWKBWriter_setByteOrder_r(h, writer, Int32(GEOS_WKB_NDR.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(h, writer, pointer, &size) else { throw context.error("WKB write") }
        defer { GEOSFree_r(h, bytes) }
        return Data(bytes: bytes, count: size)
    }

    package static func fromWKB(_ context: GEOSContext, _ data: Data) throws(GeometryError) -> GEOSGeom {
        let h = context.handle
        guard let reader = GEOSWKBReader_create_r(h) else { throw context.error("WKBReader") }
        defer { GEOSWKBReader_destroy_r(h, reader) }
        let raw = data.withUnsafeBytes { buf in
            GEOSWKBReader_read_r(h, reader, buf.bindMemory(to: UInt8.self).baseAddress, buf.count)
        }
        return try GEOSGeom(context, owning: raw, operation: "WKB read")
    }

    package static func point(_ context: GEOSContext, _ c: Coordinate) throws(GeometryError) -> GEOSGeom {
        try GEOSGeom(context, owning: GEOSGeom_createPointFromXY_r(context.handle, c.x, c.y), operation: "create point")
    }

    /// A collection that takes ownership of `members` (they must not be used afterwards).
    package static func collection(_ context: GEOSContext, type: GEOSGeomTypes, _ members: [GEOSGeom])
        throws(GeometryError)
        -> GEOSGeom
    {
        let h = context.handle
        var clones: [OpaquePointer?] = []
        for m in members { clones.append(GEOSGeom_clone_r(h, m.pointer)) }
        let raw = clones.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createCollection_r(h, Int32(type.rawValue), buf.baseAddress, UInt32(buf.count))
        }
        return try GEOSGeom(context, owning: raw, operation: "create collection")
    }

    package func unary(_ operation: String, _ f: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?)
        throws(GeometryError)
        -> GEOSGeom
    {
        try GEOSGeom(context, owning: f(h, pointer), operation: operation)
    }

    package func binary(
        _ operation: String, _ other: GEOSGeom,
        _ f: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?
    ) throws(GeometryError) -> GEOSGeom {
        try GEOSGeom(context, owning: f(h, pointer, other.pointer), operation: operation)
    }

    package func area() throws(GeometryError) -> Double {
        var a = 0.0
        guard GEOSArea_r(h, pointer, &a) == 1 else { throw context.error("area") }
        return a
    }

    package func pointXY() throws(GeometryError) -> Coordinate {
        var x = 0.0
        var y = 0.0
        guard GEOSGeomGetX_r(h, pointer, &x) == 1, GEOSGeomGetY_r(h, pointer, &y) == 1 else {
            throw context.error("point coordinates")
        }
        return Coordinate(x: x, y: y)
    }
}
