import Foundation

/// A JSON value, as found in GeoJSON `properties`.
public enum JSONValue: Hashable, Sendable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// The value as text: strings as they are, whole numbers without a decimal point.
    public var text: String? {
        switch self {
        case .string(let s): s
        case .number(let d) where d == d.rounded() && abs(d) < 1e15: String(Int64(d))
        case .number(let d): String(d)
        case .bool(let b): String(b)
        default: nil
        }
    }
}

/// The geometry of a GeoJSON feature as read, before any checks: polygonal shapes are decoded,
/// anything else is kept by type name so that the caller can say what it found.
public enum GeoJSONGeometry: Sendable {
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)
    case point(Coordinate)
    case other(type: String)
    case malformed(type: String, reason: String)
    case missing
}

/// One GeoJSON feature: its position in the file (0-based), properties and geometry.
public struct GeoJSONFeature: Sendable {
    public var index: Int
    public var properties: [String: JSONValue]
    public var geometry: GeoJSONGeometry
}

/// Reads GeoJSON (RFC 7946) FeatureCollections and Features.
public enum GeoJSONReader {
    public enum ReadError: Error, CustomStringConvertible {
        case notJSON(String)
        case notGeoJSON(found: String)
        case unsupportedCRS(String)
        /// Bytes that are not UTF-8 (a Latin-1 "à"…), at a 1-based line and column and a 0-based byte offset.
        case notUTF8(byte: UInt8, line: Int, column: Int, offset: Int)
        /// Not text at all (UTF-16, a zip…): the cause.
        case notText(String)

        public var description: String {
            switch self {
            case .notJSON(let m): Messages.text("geojson.not_json", ("reason", m))
            case .notGeoJSON(let t): Messages.text("geojson.not_geojson", ("found", t))
            case .unsupportedCRS(let crs): Messages.text("geojson.crs", ("crs", Echo.value(crs)))
            case .notUTF8(let b, let line, let column, let offset):
                Messages.text(
                    "geojson.not_utf8", ("byte", String(format: "0x%02X", b)), ("line", String(line)),
                    ("column", String(column)), ("offset", String(offset)))
            case .notText(let cause): cause
            }
        }
    }

    /// Parses `data` into features, in file order.
    public static func features(from data: Data) throws(ReadError) -> [GeoJSONFeature] {
        if let cause = InputFile.notText(data) { throw .notText(cause) }
        if let bad = InputFile.firstInvalidUTF8(data) {
            throw .notUTF8(byte: bad.byte, line: bad.line, column: bad.column, offset: bad.offset)
        }
        let top: TopLevel
        do {
            top = try JSONDecoder().decode(TopLevel.self, from: data)
        } catch let error as ReadError {
            throw error
        } catch {
            throw .notJSON(syntaxError(in: data) ?? describe(error))
        }
        if let crs = top.crsName, !isWGS84(crs) { throw .unsupportedCRS(crs) }
        return top.features
    }

    /// Where the JSON syntax of `data` breaks: "Invalid value at line 3, column 16 (byte offset 46)";
    /// nil when the syntax is fine (the problem is then the structure).
    package static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let r = text.range(of: #"around character \d+"#, options: .regularExpression),
                let offset = Int(text[r].split(separator: " ").last ?? "")
            else { return text }
            let (line, column) = InputFile.position(of: min(offset, data.count), in: [UInt8](data))
            let reason = text[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            return Messages.text(
                "geojson.syntax", ("reason", reason),
                ("line", String(line)), ("column", String(column)), ("offset", String(offset)))
        }
    }

    package static func isWGS84(_ crs: String) -> Bool {
        let c = crs.uppercased()
        return c.hasSuffix("CRS84") || c.hasSuffix(":4326") || c.hasSuffix("::4326") || c == "EPSG:4326"
    }

    package static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let ctx):
            // The parser's own text says where: "Unexpected character 'x' around line 3, column 5."
            let underlying = ctx.underlyingError.map { $0 as NSError }
            return underlying?.userInfo[NSDebugDescriptionErrorKey] as? String
                ?? underlying?.localizedDescription ?? ctx.debugDescription
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx),
            DecodingError.keyNotFound(_, let ctx):
            let path = ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return "\(ctx.debugDescription) at \(path)"
        default: return "\(error)"
        }
    }

    private struct TopLevel: Decodable {
        package var features: [GeoJSONFeature]
        package var crsName: String?

        package enum Keys: String, CodingKey { case type, features, crs, properties, geometry, name }

        package init(from decoder: Decoder) throws {
            guard let c = try? decoder.container(keyedBy: Keys.self) else {
                throw ReadError.notGeoJSON(found: "a value that is not an object")
            }
            let type = try? c.decode(String.self, forKey: .type)
            if let crs = try? c.nestedContainer(keyedBy: Keys.self, forKey: .crs),
                let props = try? crs.nestedContainer(keyedBy: Keys.self, forKey: .properties)
            {
                crsName = try? props.decode(String.self, forKey: .name)
            }
            switch type {
            case "FeatureCollection":
                var list = try c.nestedUnkeyedContainer(forKey: .features)
                var out: [GeoJSONFeature] = []
                while !list.isAtEnd {
                    let f = try list.decode(RawFeature.self)
                    out.append(GeoJSONFeature(index: out.count, properties: f.properties, geometry: f.geometry))
                }
                features = out
            case "Feature":
                let f = try RawFeature(from: decoder)
                features = [GeoJSONFeature(index: 0, properties: f.properties, geometry: f.geometry)]
            case let t?: throw ReadError.notGeoJSON(found: "\"type\": \"\(t)\"")
            case nil: throw ReadError.notGeoJSON(found: "an object without \"type\"")
            }
        }
    }

    private struct RawFeature: Decodable {
        package var properties: [String: JSONValue]
        package var geometry: GeoJSONGeometry

        package enum Keys: String, CodingKey { case properties, geometry }
        package enum GeometryKeys: String, CodingKey { case type, coordinates }

        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            properties = (try? c.decodeIfPresent([String: JSONValue].self, forKey: .properties)) ?? [:]
            guard (try? c.decodeNil(forKey: .geometry)) == false,
                let g = try? c.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry)
            else {
                geometry = .missing
                return
            }
            let type = (try? g.decode(String.self, forKey: .type)) ?? "(no type)"
            do {
                switch type {
                case "Polygon":
                    geometry = .polygon(try Self.polygon(g.decode([[[Double]]].self, forKey: .coordinates)))
                case "MultiPolygon":
                    let parts = try g.decode([[[[Double]]]].self, forKey: .coordinates)
                    geometry = .multiPolygon(MultiPolygon(polygons: try parts.map(Self.polygon)))
                case "Point":
                    geometry = .point(try Self.position(g.decode([Double].self, forKey: .coordinates)))
                default:
                    geometry = .other(type: type)
                }
            } catch let e as GeoJSONCoordinateError {
                geometry = .malformed(type: type, reason: e.reason)
            } catch {
                geometry = .malformed(
                    type: type, reason: "coordinates are not nested arrays of numbers as \(type) requires")
            }
        }

        package struct GeoJSONCoordinateError: Error { var reason: String }

        package static func position(_ p: [Double]) throws -> Coordinate {
            guard p.count >= 2 else {
                throw GeoJSONCoordinateError(
                    reason: "a position has \(p.count) number(s); expected [longitude, latitude]")
            }
            return Coordinate(x: p[0], y: p[1])
        }

        package static func polygon(_ rings: [[[Double]]]) throws -> Polygon {
            guard !rings.isEmpty else { throw GeoJSONCoordinateError(reason: "a polygon has no rings") }
            return Polygon(
                rings: try rings.map { ring in
                    guard ring.count >= 4 else {
                        throw GeoJSONCoordinateError(
                            reason: "a ring has \(ring.count) positions; expected at least 4 (closed)")
                    }
                    return try ring.map(position)
                })
        }
    }
}
