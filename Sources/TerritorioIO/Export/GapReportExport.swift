import Foundation
import TerritorioCore

extension GapReport {
    /// Report metadata: method, parameters, sources and dates, k, attribution.
    /// `generated` is the only member that changes between runs on the same data.
    public func metadata(timestamp: Date?, costsFile: String?) throws -> String {
        try JSONOutput.line(GapReportMetadata(self, timestamp: timestamp, costsFile: costsFile))
    }

    /// The GeoJSON report (RFC 7946): one Feature per consortium municipality, MultiPolygon in
    /// lon/lat with 6 decimals, exterior rings counter-clockwise, flat properties.
    public func geoJSON(shapes: [String: MultiPolygon], timestamp: Date?, costsFile: String?) throws -> String {
        var writer = GeoJSONWriter(members: [("territorio", try metadata(timestamp: timestamp, costsFile: costsFile))])
        for (i, m) in analysis.inputs.municipalities.enumerated() {
            writer.addFeature(
                properties: properties(municipality: i),
                geometry: shapes[m.code].map { .multiPolygon(RightHandRule.apply($0)) } ?? .none)
        }
        return writer.finish()
    }

    /// The same columns as CSV, without geometry.
    public func csv() throws -> String {
        let rows = analysis.inputs.municipalities.indices.map { properties(municipality: $0) }
        let header = rows.first?.map(\.key) ?? []
        return try CSVText.make(header: header, rows: rows.map { $0.map { Self.text($0.value) } })
    }

    package static func text(_ v: GeoJSONWriter.Value) -> String {
        switch v {
        case .string(let s): s ?? ""
        case .int(let n): n.map(String.init) ?? ""
        case .double(let d): d.map { "\($0)" } ?? ""
        case .bool(let b): b ? "true" : "false"
        }
    }

    /// The consortium summary per category.
    public struct SummaryRow: Sendable, Codable {
        public var category: String
        public var label: String
        public var populationWithinReachShare: Double
        public var municipalitiesWithoutService: [String]
        public var population: Int
        public var userReports: Int?
        public var operatorRequests: Int?
        public var operatorUnmet: Int?
        public var responses: Int?
        public var levels: [String: Int]
    }

    /// One row per category, labelled in `language`.
    public func summary(language: String = "en") -> [SummaryRow] {
        let municipalities = analysis.inputs.municipalities
        let population = municipalities.reduce(0) { $0 + $1.population }
        return analysis.categories.map { c in
            let gaps = analysis.gaps[c.code]!
            let reached = zip(municipalities, gaps).filter { $1.withinReach }.reduce(0) { $0 + $1.0.population }
            func total(_ name: String) -> Int? {
                guard totalPublished[c.code]![name]! else { return nil }
                return gaps.reduce(0) { $0 + (Self.count(name, $1) ?? 0) }
            }
            var levels: [String: Int] = [:]
            for i in gaps.indices {
                let level = cells(category: c.code, municipality: i).first { $0.0 == "gap_level" }!.1
                if case .string(let s) = level.value { levels[s ?? "suppressed", default: 0] += 1 }
            }
            return SummaryRow(
                category: c.code, label: c.label(language),
                populationWithinReachShare: population > 0 ? Double(reached) / Double(population) : 0,
                municipalitiesWithoutService: zip(municipalities, gaps).filter { !$1.withinReach }.map(\.0.name),
                population: population, userReports: total("user_reports"),
                operatorRequests: total("operator_requests"),
                operatorUnmet: total("operator_unmet"), responses: total("responses"), levels: levels)
        }
    }
}

/// RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise.
public enum RightHandRule {
    public static func apply(_ shape: MultiPolygon) -> MultiPolygon {
        MultiPolygon(
            polygons: shape.polygons.map { p in
                Polygon(
                    rings: p.rings.enumerated().map { i, ring in
                        let ccw = signedArea(ring) > 0
                        return (i == 0) == ccw ? ring : ring.reversed()
                    })
            })
    }

    /// Shoelace area in the plane of the coordinates (positive when counter-clockwise).
    public static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) { sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y }
        return sum / 2
    }
}
