import Foundation

/// Writes GeoJSON (RFC 7946) FeatureCollections with a fixed number of decimals, feature by feature.
///
/// Six decimals (about 0.1 m) is the default, as GDAL's RFC 7946 writer does.
public struct GeoJSONWriter {
    public private(set) var text = ""
    private let decimals: Int
    private let scale: Double
    private let exact: Bool
    private var featureCount = 0

    /// Starts a FeatureCollection; `members` are extra top-level members (already JSON).
    /// - Parameter decimals: digits after the point; nil writes every coordinate exactly
    ///   (shortest round-trip form), for points that analyses must reproduce to the last bit.
    public init(decimals: Int? = 6, members: [(String, String)] = []) {
        self.decimals = decimals ?? 0
        self.scale = pow(10, Double(decimals ?? 0))
        self.exact = decimals == nil
        text.reserveCapacity(1 << 20)
        text += "{\"type\":\"FeatureCollection\""
        for (k, v) in members { text += ",\(Self.quoted(k)):\(v)" }
        text += ",\"features\":[\n"
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
        if featureCount > 0 { text += ",\n" }
        featureCount += 1
        text += "{\"type\":\"Feature\","
        if let id { text += "\"id\":\(Self.quoted(id))," }
        text += "\"properties\":{"
        for (i, p) in properties.enumerated() {
            if i > 0 { text += "," }
            text += Self.quoted(p.key) + ":"
            switch p.value {
            case .string(let s?): text += Self.quoted(s)
            case .int(let n?): text += String(n)
            case .double(let d?) where d.isFinite: text += String(d)
            case .bool(let b): text += b ? "true" : "false"
            default: text += "null"
            }
        }
        text += "},\"geometry\":"
        switch geometry {
        case .none: text += "null"
        case .point(let c):
            text += "{\"type\":\"Point\",\"coordinates\":"
            position(c)
            text += "}"
        case .multiPolygon(let mp):
            text += "{\"type\":\"MultiPolygon\",\"coordinates\":["
            for (pi, polygon) in mp.polygons.enumerated() {
                if pi > 0 { text += "," }
                text += "["
                for (ri, ring) in polygon.rings.enumerated() {
                    if ri > 0 { text += "," }
                    text += "["
                    for (ci, c) in ring.enumerated() {
                        if ci > 0 { text += "," }
                        position(c)
                    }
                    text += "]"
                }
                text += "]"
            }
            text += "]}"
        }
        text += "}"
    }

    /// Closes the collection and returns the document.
    public mutating func finish() -> String {
        text += "\n]}\n"
        return text
    }

    private mutating func position(_ c: Coordinate) {
        text += "["
        number(c.x)
        text += ","
        number(c.y)
        text += "]"
    }

    /// Fixed-point formatting without Foundation's formatter (hot path): trailing zeros trimmed.
    private mutating func number(_ v: Double) {
        if exact {
            text += "\(v)"
            return
        }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else {
            text += String(v)
            return
        }
        let n = UInt64(scaled)
        let unit = UInt64(scale)
        if v < 0 && n != 0 { text += "-" }
        text += String(n / unit)
        var frac = n % unit
        guard frac != 0 else { return }
        var digits = decimals
        while frac % 10 == 0 {
            frac /= 10
            digits -= 1
        }
        let s = String(frac)
        text += "." + String(repeating: "0", count: digits - s.count) + s
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed in HTML
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
