import Foundation
import TerritorioCore
import TerritorioGeometry

/// A municipality boundary read from a file and checked, ready to store.
public struct MunicipalityBoundary: Sendable, Hashable {
    public var code: String
    public var name: String
    public var province: String?
    public var shape: MultiPolygon
    public var representativePoint: Coordinate
    /// Why GEOS found the original invalid, when it had to be repaired.
    public var repair: String?

    package init(
        code: String, name: String, province: String? = nil, shape: MultiPolygon, representativePoint: Coordinate,
        repair: String? = nil
    ) {
        self.code = code
        self.name = name
        self.province = province
        self.shape = shape
        self.representativePoint = representativePoint
        self.repair = repair
    }
}

/// Reads municipal boundaries from GeoJSON and checks every feature.
///
/// Each feature needs a 6-digit ISTAT code, a name and a Polygon or MultiPolygon in WGS84
/// longitude/latitude. Polygons become MultiPolygons; invalid geometries are repaired with
/// GEOS `MakeValid` and the repair is reported. All problems are collected, so a file can be
/// fixed in one pass; any problem means nothing is imported.
public struct BoundaryFile: Sendable {
    /// Property names to read. Defaults fit the ISTAT boundaries republished by openpolis.
    public struct Fields: Sendable {
        public var code: String
        public var name: String
        /// Optional: used when present (openpolis: the province's two-letter acronym).
        public var province: String
        public init(code: String = "com_istat_code", name: String = "name", province: String = "prov_acr") {
            self.code = code
            self.name = name
            self.province = province
        }
    }

    public var file: String
    public var boundaries: [MunicipalityBoundary]

    public static func read(path: String, fields: Fields = Fields()) throws(InputError) -> BoundaryFile {
        let data = try InputFile.contents(path)
        if path.lowercased().hasSuffix(".shp") || data.starts(with: [0x00, 0x00, 0x27, 0x0A]) {
            throw InputError(file: path, Messages.text("geojson.shapefile", ("path", path)))
        }
        let features: [GeoJSONFeature]
        do {
            features = try GeoJSONReader.features(from: data)
        } catch {
            throw InputError(file: path, error.description)
        }
        guard !features.isEmpty else { throw InputError(file: path, Messages.text("geojson.no_features")) }
        return try check(features, file: path, fields: fields)
    }

    package static func check(_ features: [GeoJSONFeature], file: String, fields: Fields) throws(InputError)
        -> BoundaryFile
    {
        var problems: [InputProblem] = []
        var boundaries: [MunicipalityBoundary] = []
        var firstIndexOfCode: [String: Int] = [:]
        let engine = GeometryEngine()
        boundaries.reserveCapacity(features.count)

        for feature in features {
            let rawCode = feature.properties[fields.code]
            let code = rawCode.flatMap(Self.code(from:))
            let at = InputLocation.feature(index: feature.index, code: code)
            var ok = true
            func problem(_ field: String?, _ message: String) {
                problems.append(InputProblem(at, field: field, message))
                ok = false
            }

            switch rawCode {
            case nil, .null?:
                let available = feature.properties.keys.sorted().prefix(12).map { Echo.value($0) }
                    .joined(separator: ", ")
                problem(fields.code, Messages.text("boundary.code_missing", ("available", available)))
            case let value? where code == nil:
                let found = value.text.map { "\"\(Echo.value($0))\"" } ?? "\(value)"
                problem(fields.code, Messages.text("boundary.code_invalid", ("found", found)))
            default: break
            }
            if let code {
                if let first = firstIndexOfCode[code] {
                    problem(fields.code, Messages.text("boundary.code_twice", ("code", code), ("first", String(first))))
                } else {
                    firstIndexOfCode[code] = feature.index
                }
            }
            let name = feature.properties[fields.name]?.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if name.isEmpty { problem(fields.name, Messages.text("boundary.name_missing")) }
            let province = feature.properties[fields.province]?.text

            guard let shape = Self.shape(of: feature.geometry, problem: { problem(nil, $0) }), ok, let code else {
                continue
            }
            do {
                var repair: String?
                var valid = shape
                if case .invalid(let reason) = try engine.validity(of: shape) {
                    valid = try engine.repaired(shape)
                    repair = reason
                    if valid.polygons.isEmpty {
                        problem(nil, Messages.text("msg3.boundary.empty_after_repair", ("reason", reason)))
                        continue
                    }
                }
                let point = try engine.representativePoint(of: valid)
                boundaries.append(
                    MunicipalityBoundary(
                        code: code, name: name, province: province, shape: valid,
                        representativePoint: point, repair: repair))
            } catch {
                problem(nil, Messages.text("msg3.boundary.unprocessable", ("reason", "\(error)")))
            }
        }
        guard problems.isEmpty else { throw InputError(file: file, problems: problems) }
        return BoundaryFile(file: file, boundaries: boundaries)
    }

    /// A 6-digit code from text, or from a whole number (padded: 6114 → "006114").
    package static func code(from value: JSONValue) -> String? {
        switch value {
        case .string(let s): return IstatCode.parse(s.trimmingCharacters(in: .whitespaces))
        case .number(let d) where d >= 1 && d <= 999_999 && d == d.rounded():
            return IstatCode.parseLenient(String(Int(d)))?.code
        default: return nil
        }
    }

    /// The feature's geometry as a MultiPolygon in WGS84, or nil after reporting why not.
    package static func shape(of geometry: GeoJSONGeometry, problem: (String) -> Void) -> MultiPolygon? {
        let shape: MultiPolygon
        switch geometry {
        case .polygon(let p): shape = MultiPolygon(p)
        case .multiPolygon(let mp): shape = mp
        case .point:
            problem(Messages.text("msg3.boundary.point"))
            return nil
        case .other(let type):
            problem(Messages.text("msg3.boundary.other", ("type", type)))
            return nil
        case .malformed(let type, let reason):
            problem(Messages.text("msg3.boundary.malformed", ("type", type), ("reason", reason)))
            return nil
        case .missing:
            problem(Messages.text("msg3.boundary.missing"))
            return nil
        }
        guard !shape.polygons.isEmpty else {
            problem(Messages.text("msg3.boundary.empty"))
            return nil
        }
        for c in shape.coordinates where !Self.isLonLat(c) {
            let pair = "(\(c.x), \(c.y))"
            if !c.x.isFinite || !c.y.isFinite {
                problem(Messages.text("msg3.boundary.not_numbers", ("pair", pair)))
            } else if abs(c.x) > 1000 || abs(c.y) > 1000 {
                problem(Messages.text("msg3.boundary.projected", ("pair", pair)))
            } else {
                problem(Messages.text("msg3.boundary.out_of_range", ("pair", pair)))
            }
            return nil
        }
        return shape
    }

    package static func isLonLat(_ c: Coordinate) -> Bool {
        c.x.isFinite && c.y.isFinite && abs(c.x) <= 180 && abs(c.y) <= 90
    }

    package init(file: String, boundaries: [MunicipalityBoundary]) {
        self.file = file
        self.boundaries = boundaries
    }
}
