import Foundation
import TerritorioCore

/// A service directory file read as text fields, before any checks: a CSV with the columns of
/// ``Service/columns``, or GeoJSON Point features with the same properties.
public struct ServiceFile: Sendable {
    public struct Record: Sendable {
        public var location: InputLocation
        /// Lower-cased column or property name → trimmed text.
        public var fields: [String: String]
        /// What is wrong with the row's shape (a quote never closed, a NUL byte, too many or too
        /// few fields): the row is rejected, never imported with a field cut short.
        public var problems: [InputProblem] = []
        public func callAsFunction(_ name: String) -> String { fields[name] ?? "" }
    }

    public var file: String
    public var records: [Record]
    /// The lower-cased column (CSV) or property (GeoJSON) names the file has.
    public var columns: Set<String>

    public static func read(path: String) throws(InputError) -> ServiceFile {
        try InputFile.check(path)
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            return try readGeoJSON(path: path)
        }
        let table = try CSVStream.table(path: path, strict: false)
        let header = table.header.map { $0.lowercased() }
        for required in ["id", "name", "categories"] where !header.contains(required) {
            throw InputError(
                file: path, kind: .invalid,
                Messages.text(
                    "msg3.svc.no_column", ("column", required), ("expected", Service.columns.joined(separator: ",")),
                    ("columns", table.header.joined(separator: ", "))))
        }
        var seen: Set<String> = []
        for (i, name) in header.enumerated() where !name.isEmpty && !seen.insert(name).inserted {
            throw InputError(
                file: path, kind: .invalid, Messages.text("msg3.svc.column_twice", ("column", table.header[i])))
        }
        let records = table.records.enumerated().map { i, record in
            var fields: [String: String] = [:]
            for (c, name) in header.enumerated() where !name.isEmpty { fields[name] = CSVStream.Table.field(record, c) }
            return Record(location: .row(table.row(ofRecord: i)), fields: fields, problems: table.malformed[i] ?? [])
        }
        return ServiceFile(file: path, records: records, columns: Set(header.filter { !$0.isEmpty }))
    }

    package static func readGeoJSON(path: String) throws(InputError) -> ServiceFile {
        let data = try InputFile.contents(path)
        let features: [GeoJSONFeature]
        do { features = try GeoJSONReader.features(from: data) } catch {
            throw InputError(file: path, error.description)
        }
        var problems: [InputProblem] = []
        var records: [Record] = []
        for feature in features {
            var fields: [String: String] = [:]
            for (key, value) in feature.properties {
                switch value {
                case .array(let items): fields[key.lowercased()] = items.compactMap(\.text).joined(separator: ";")
                default: fields[key.lowercased()] = value.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                }
            }
            let at = InputLocation.feature(index: feature.index, code: fields["id"])
            switch feature.geometry {
            case .point(let c):
                fields["lon"] = "\(c.lon)"
                fields["lat"] = "\(c.lat)"
            case .missing: break
            case .other(let type), .malformed(let type, _):
                problems.append(InputProblem(at, Messages.text("msg3.svc.geometry_not_point", ("type", type))))
            case .polygon, .multiPolygon:
                problems.append(InputProblem(at, Messages.text("msg3.svc.geometry_polygon")))
            }
            let nul = fields.keys.sorted().filter { fields[$0]!.utf8.contains(0) }
            records.append(
                Record(
                    location: at, fields: fields,
                    problems: nul.map { InputProblem(at, field: $0, CSVStream.nulMessage) }))
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return ServiceFile(file: path, records: records, columns: Set(records.flatMap(\.fields.keys)))
    }
}
