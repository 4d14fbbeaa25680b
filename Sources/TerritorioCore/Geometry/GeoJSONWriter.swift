import Foundation

/// Writes GeoJSON (RFC 7946) FeatureCollections with a fixed number of decimals, feature by feature.
///
/// Six decimals (about 0.1 m) is the default, as GDAL's RFC 7946 writer does.
public struct GeoJSONWriter {
    /// The document so far, as UTF-8 bytes (numbers and strings are formatted straight into it:
    /// no intermediate `String` per coordinate).
    public private(set) var bytes: [UInt8] = []
    /// The document so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    private let decimals: Int
    private let scale: Double
    private let unit: UInt64
    private let exact: Bool
    private var featureCount = 0

    /// Starts a FeatureCollection; `members` are extra top-level members (already JSON).
    /// - Parameter decimals: digits after the point; nil writes every coordinate exactly
    ///   (shortest round-trip form), for points that analyses must reproduce to the last bit.
    public init(decimals: Int? = 6, members: [(String, String)] = []) {
        self.decimals = decimals ?? 0
        self.scale = pow(10, Double(decimals ?? 0))
        self.unit = UInt64(scale)
        self.exact = decimals == nil
        bytes.reserveCapacity(1 << 20)
        write("{\"type\":\"FeatureCollection\"")
        for (k, v) in members {
            write(",")
            quote(k)
            write(":")
            write(v)
        }
        write(",\"features\":[\n")
    }

    /// A property value for ``addFeature(properties:geometry:)``.
    public enum Value: Sendable {
        case string(String?)
        case int(Int?)
        case double(Double?)
        case bool(Bool)
    }

    public enum Shape {
        case multiPolygon(MultiPolygon)
        case point(Coordinate)
        case none
    }

    public mutating func addFeature(properties: KeyValuePairs<String, Value>, geometry: Shape) {
        addFeature(properties: Array(properties), geometry: geometry)
    }

    /// Adds a Feature; `id` becomes its `id` member (OGC API – Features items need one).
    public mutating func addFeature(id: String? = nil, properties: [(key: String, value: Value)], geometry: Shape) {
        if featureCount > 0 { write(",\n") }
        featureCount += 1
        write("{\"type\":\"Feature\",")
        if let id {
            write("\"id\":")
            quote(id)
            write(",")
        }
        write("\"properties\":{")
        for (i, p) in properties.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            quote(p.key)
            bytes.append(UInt8(ascii: ":"))
            value(p.value)
        }
        write("},\"geometry\":")
        shape(geometry)
        write("}")
    }

    private mutating func value(_ v: Value) {
        switch v {
        case .string(let s?): quote(s)
        case .int(let n?): integer(n)
        case .double(let d?) where d.isFinite: write(d.description)
        case .bool(let b): write(b ? "true" : "false")
        default: write("null")
        }
    }

    private mutating func shape(_ geometry: Shape) {
        switch geometry {
        case .none: write("null")
        case .point(let c):
            write("{\"type\":\"Point\",\"coordinates\":")
            position(c)
            write("}")
        case .multiPolygon(let mp):
            write("{\"type\":\"MultiPolygon\",\"coordinates\":[")
            for (pi, polygon) in mp.polygons.enumerated() {
                if pi > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                for (ri, ring) in polygon.rings.enumerated() {
                    if ri > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes.append(UInt8(ascii: "["))
                    for (ci, c) in ring.enumerated() {
                        if ci > 0 { bytes.append(UInt8(ascii: ",")) }
                        position(c)
                    }
                    bytes.append(UInt8(ascii: "]"))
                }
                bytes.append(UInt8(ascii: "]"))
            }
            write("]}")
        }
    }

    /// Closes the collection and returns the document.
    public mutating func finish() -> String {
        write("\n]}\n")
        return text
    }

    private mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func position(_ c: Coordinate) {
        bytes.append(UInt8(ascii: "["))
        number(c.x)
        bytes.append(UInt8(ascii: ","))
        number(c.y)
        bytes.append(UInt8(ascii: "]"))
    }

    /// Fixed-point formatting without Foundation's formatter (hot path): trailing zeros trimmed.
    private mutating func number(_ v: Double) {
        if exact {
            write(v.description)
            return
        }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else {
            write(v.description)
            return
        }
        let n = UInt64(scaled)
        if v < 0 && n != 0 { bytes.append(UInt8(ascii: "-")) }
        digits(n / unit, width: 1)
        var frac = n % unit
        guard frac != 0 else { return }
        var width = decimals
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        digits(frac, width: width)
    }

    private mutating func integer(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(n.magnitude, width: 1)
    }

    /// The decimal digits of `n`, left-padded with zeros to `width`.
    private mutating func digits<T: UnsignedInteger>(_ n: T, width: Int) {
        var n = UInt64(n)
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        withUnsafeMutableBytes(of: &buffer) { raw in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            while raw.count - i < width {
                i -= 1
                raw[i] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: raw[i...])
        }
    }

    /// Appends `s` as a JSON string literal.
    private mutating func quote(_ s: String) {
        var s = s
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            for b in utf8 { escape(b) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): write("\\\"")
        case UInt8(ascii: "\\"): write("\\\\")
        case UInt8(ascii: "\n"): write("\\n")
        case UInt8(ascii: "\r"): write("\\r")
        case UInt8(ascii: "\t"): write("\\t")
        case UInt8(ascii: "<"): write("\\u003c")  // safe to embed in HTML
        case 0..<0x20:
            write("\\u00")
            bytes.append(Self.hex[Int(b >> 4)])
            bytes.append(Self.hex[Int(b & 15)])
        default: bytes.append(b)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var writer = GeoJSONWriter(decimals: nil, empty: ())
        writer.quote(s)
        return writer.text
    }

    private init(decimals: Int?, empty: Void) {
        self.decimals = 0
        scale = 1
        unit = 1
        exact = true
    }
}
