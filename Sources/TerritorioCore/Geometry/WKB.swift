import Foundation

/// Well-Known Binary for the geometry types territorio stores: Point, Polygon and
/// MultiPolygon, two-dimensional, little-endian (what SpatiaLite's `AsBinary` and GEOS write).
public enum WKB {
    package static let point: UInt32 = 1, polygon: UInt32 = 3, multiPolygon: UInt32 = 6

    public static func encode(_ point: Coordinate) -> Data {
        var w = Writer(capacity: 21)
        w.header(WKB.point)
        w.coordinate(point)
        return Data(w.bytes)
    }

    public static func encode(_ polygon: Polygon) -> Data {
        var w = Writer(capacity: 9 + polygon.rings.reduce(0) { $0 + 4 + 16 * $1.count })
        w.polygon(polygon)
        return Data(w.bytes)
    }

    public static func encode(_ multiPolygon: MultiPolygon) -> Data {
        let size = multiPolygon.polygons.reduce(9) { $0 + $1.rings.reduce(9) { $0 + 4 + 16 * $1.count } }
        var w = Writer(capacity: size)
        w.header(WKB.multiPolygon)
        w.count(multiPolygon.polygons.count)
        for p in multiPolygon.polygons { w.polygon(p) }
        return Data(w.bytes)
    }

    /// Decodes a Polygon or MultiPolygon (a Polygon becomes a one-part MultiPolygon).
    public static func decodeMultiPolygon(_ data: Data) throws(GeometryError) -> MultiPolygon {
        var r = Reader(bytes: [UInt8](data))
        let type = try r.header()
        switch type {
        case WKB.polygon: return MultiPolygon(try r.polygonBody())
        case WKB.multiPolygon:
            let n = try r.count()
            var polygons: [Polygon] = []
            polygons.reserveCapacity(n)
            for _ in 0..<n {
                guard try r.header() == WKB.polygon else { throw .malformedWKB("MultiPolygon member is not a Polygon") }
                polygons.append(try r.polygonBody())
            }
            return MultiPolygon(polygons: polygons)
        default: throw .malformedWKB("expected Polygon or MultiPolygon, found WKB type \(type)")
        }
    }

    public static func decodePoint(_ data: Data) throws(GeometryError) -> Coordinate {
        var r = Reader(bytes: [UInt8](data))
        guard try r.header() == WKB.point else { throw .malformedWKB("expected a Point") }
        return try r.coordinate()
    }

    package struct Writer {
        package var bytes: [UInt8] = []
        package init(capacity: Int) { bytes.reserveCapacity(capacity) }
        package mutating func header(_ type: UInt32) {
            bytes.append(1)
            uint32(type)
        }
        package mutating func uint32(_ v: UInt32) {
            for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
        }
        package mutating func count(_ n: Int) { uint32(UInt32(n)) }
        package mutating func uint64(_ v: UInt64) {
            for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
        }
        package mutating func coordinate(_ c: Coordinate) {
            uint64(c.x.bitPattern)
            uint64(c.y.bitPattern)
        }
        package mutating func polygon(_ p: Polygon) {
            header(WKB.polygon)
            count(p.rings.count)
            for ring in p.rings {
                count(ring.count)
                for c in ring { coordinate(c) }
            }
        }
    }

    package struct Reader {
        package let bytes: [UInt8]
        package init(bytes: [UInt8]) { self.bytes = bytes }
        package var offset = 0
        package var littleEndian = true

        package mutating func byte() throws(GeometryError) -> UInt8 {
            guard offset < bytes.count else { throw .malformedWKB("truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }
        package mutating func uint32() throws(GeometryError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw .malformedWKB("truncated") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
            offset += 4
            return littleEndian ? v : v.byteSwapped
        }
        package mutating func double() throws(GeometryError) -> Double {
            guard offset + 8 <= bytes.count else { throw .malformedWKB("truncated") }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return Double(bitPattern: littleEndian ? v : v.byteSwapped)
        }
        package mutating func header() throws(GeometryError) -> UInt32 {
            littleEndian = try byte() == 1
            let type = try uint32()
            guard type < 1000 else { throw .malformedWKB("only 2D geometries are supported (type \(type))") }
            return type
        }
        package mutating func count() throws(GeometryError) -> Int { Int(try uint32()) }
        package mutating func coordinate() throws(GeometryError) -> Coordinate {
            Coordinate(x: try double(), y: try double())
        }
        package mutating func polygonBody() throws(GeometryError) -> Polygon {
            let nRings = try count()
            var rings: [[Coordinate]] = []
            rings.reserveCapacity(nRings)
            for _ in 0..<nRings {
                let n = try count()
                guard n <= (bytes.count - offset) / 16 else { throw .malformedWKB("truncated") }
                var ring: [Coordinate] = []
                ring.reserveCapacity(n)
                for _ in 0..<n { ring.append(try coordinate()) }
                rings.append(ring)
            }
            return Polygon(rings: rings)
        }
    }
}

/// An error from the geometry layer, with the message GEOS gave where there is one.
public enum GeometryError: Error, Equatable, CustomStringConvertible {
    case malformedWKB(String)
    case geos(operation: String, message: String)
    case unexpectedType(operation: String, found: String)

    public var description: String {
        switch self {
        case .malformedWKB(let m): "malformed WKB: \(m)"
        case .geos(let op, let m): "GEOS \(op) failed: \(m)"
        case .unexpectedType(let op, let t): "\(op): unexpected geometry type \(t)"
        }
    }
}
