import Foundation
import TerritorioCore

extension ChangeReport {
    /// Every property of municipality `i`, flat: `<category>_<measure>`, like the gap report.
    public func properties(municipality i: Int) -> [(key: String, value: GeoJSONWriter.Value)] {
        let m = municipalities[i]
        var out: [(key: String, value: GeoJSONWriter.Value)] = [
            ("istat_code", .string(m.code)), ("name", .string(m.name)), ("population", .int(m.population)),
            ("round_from", .string(from.name)), ("round_to", .string(to.name))
        ]
        func d(_ v: Double?) -> GeoJSONWriter.Value { .double(v.map(GapReport.rounded)) }
        for r in rows[i] {
            let c = r.category
            out += [
                ("\(c)_need_per_1000_from", d(r.needFrom)), ("\(c)_need_per_1000_to", d(r.needTo)),
                ("\(c)_need_per_1000_change", d(r.needChange)),
                (
                    "\(c)_need_per_1000_change_suppressed",
                    .bool(r.needSuppressed)
                ),
                ("\(c)_services_opened", .int(r.opened)), ("\(c)_services_closed", .int(r.closed)),
                ("\(c)_services_hours_changed", .int(r.hoursChanged)),
                ("\(c)_services_languages_changed", .int(r.languagesChanged)),
                ("\(c)_access_from", d(r.accessFrom)), ("\(c)_access_to", d(r.accessTo)),
                (
                    "\(c)_access_change",
                    d(r.accessChange)
                ),
                ("\(c)_gap_level_from", .string(r.levelFrom)), ("\(c)_gap_level_to", .string(r.levelTo)),
                ("\(c)_gap_level_change", .int(r.levelChange)),
                (
                    "\(c)_gap_level_change_suppressed",
                    .bool(r.levelSuppressed)
                )
            ]
        }
        return out
    }

    /// Report metadata: the rounds, k, the method and the attribution.
    package func metadata() throws -> String {
        try JSONOutput.line(ChangeReportMetadata(self))
    }

    /// The GeoJSON report (RFC 7946): one feature per consortium municipality, flat properties.
    public func geoJSON(shapes: [String: MultiPolygon]) throws -> String {
        var writer = GeoJSONWriter(members: [("territorio", try metadata())])
        for (i, m) in municipalities.enumerated() {
            writer.addFeature(
                properties: properties(municipality: i),
                geometry: shapes[m.code].map { .multiPolygon(RightHandRule.apply($0)) } ?? .none)
        }
        return writer.finish()
    }

    /// The same columns as CSV, without geometry.
    public func csv() throws -> String {
        let rows = municipalities.indices.map { properties(municipality: $0) }
        return try CSVText.make(
            header: rows.first?.map(\.key) ?? [],
            rows: rows.map { $0.map { GapReport.text($0.value) } })
    }
}
