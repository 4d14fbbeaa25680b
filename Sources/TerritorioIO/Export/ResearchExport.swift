import Foundation
import TerritorioCore

/// Exports for researchers: aggregated needs and anonymised submissions, as CSV or GeoJSON,
/// each with a JSON sidecar (`PATH.meta.json`) giving sources, dates, parameters and k.
/// Exact points, instance UUIDs, exact dates and free text never leave the database.
public enum ResearchExport {
    public enum Format: String, Sendable { case geojson, csv }

    package struct Table {
        package var header: [String]
        package var rows: [[String: GeoJSONWriter.Value]]
        package var points: [Coordinate?]
    }

    /// Writes `table` as CSV or GeoJSON (points at the municipality's representative point).
    package static func write(_ table: Table, format: Format, to path: String) throws {
        switch format {
        case .csv:
            try AtomicFile.write(
                try CSVText.make(
                    header: table.header,
                    rows: table.rows.map { r in
                        table.header.map { GapReport.text(r[$0] ?? .string(nil)) }
                    }), to: path)
        case .geojson:
            var writer = GeoJSONWriter(members: [("attribution", GeoJSONWriter.quoted(MunicipalityExport.attribution))])
            for (row, point) in zip(table.rows, table.points) {
                writer.addFeature(
                    properties: table.header.map { ($0, row[$0] ?? .string(nil)) },
                    geometry: point.map { .point($0) } ?? .none)
            }
            try AtomicFile.write(writer.finish(), to: path)
        }
    }

    package static func sidecar(
        path: String, dataset: String, description: String, inputs: GapInputs, config: AnalysisConfig,
        extra: some Encodable
    ) throws {
        let meta = ResearchSidecar(
            dataset: dataset, description: description, k: config.k, sources: inputs.sources,
            latestSubmission: inputs.latestSubmission, extra: extra)
        try AtomicFile.write(JSONOutput.pretty.encode(meta), to: path + ".meta.json")
    }

    /// Needs per category and period: user reports per zone and quarter (the places and times of
    /// the anonymised submissions export, so the two never differ by a hidden count), operator
    /// requests per municipality and reporting period. Disclosure control as in the reports:
    /// counts from 1 to k−1 are withheld, and within each place × category × role (whose total
    /// the gap report or the submissions export publishes) at least two cells summing to k or more.
    package static func needs(
        inputs: GapInputs, cells: [NeedCell], config: AnalysisConfig, format: Format, to path: String
    ) throws {
        let names = Dictionary(uniqueKeysWithValues: inputs.municipalities.map { ($0.code, $0) })
        let (hiddenCount, hiddenUnmet) = protectNeeds(cells, control: DisclosureControl(k: config.k))

        let header = [
            "zone", "istat_code", "municipality", "category", "role", "period", "count", "count_suppressed",
            "unmet", "unmet_suppressed"
        ]
        var table = Table(header: header, rows: [], points: [])
        for (i, c) in cells.enumerated() {
            let m = names[c.key[0]]  // nil for a zone
            table.rows.append([
                "zone": .string(m == nil ? c.key[0] : m?.zone), "istat_code": .string(m == nil ? nil : c.key[0]),
                "municipality": .string(m?.name), "category": .string(c.key[1]), "role": .string(c.key[2]),
                "period": .string(c.key[3]), "count": .int(hiddenCount.contains(i) ? nil : c.count),
                "count_suppressed": .bool(hiddenCount.contains(i)),
                "unmet": .int(hiddenUnmet.contains(i) ? nil : c.unmet),
                "unmet_suppressed": .bool(hiddenUnmet.contains(i))
            ])
            table.points.append(m?.point)
        }
        try write(table, format: format, to: path)
        try sidecar(
            path: path, dataset: "needs",
            description:
                "User reports per zone, category and quarter; operator requests per municipality, category and period; counts below k withheld.",
            inputs: inputs, config: config,
            extra: NeedsMetadata(
                rows: cells.count, withheldCounts: hiddenCount.count, withheldUnmet: hiddenUnmet.count))
    }

    /// One cell of the needs export before disclosure control: municipality, category, role and
    /// period as `key`, the number of reports (users) or requests (operators), and the unmet ones.
    package struct NeedCell {
        package var key: [String]
        package var count: Int
        package var unmet: Int?

        package init(key: [String], count: Int, unmet: Int? = nil) {
            self.key = key
            self.count = count
            self.unmet = unmet
        }
    }

    /// The cells whose count, and whose unmet count, are withheld: per category × role, the
    /// total of each place (all periods) and of the whole consortium are protected.
    package static func protectNeeds(_ cells: [NeedCell], control: DisclosureControl) -> (
        count: Set<Int>, unmet: Set<Int>
    ) {
        var hiddenCount = Set<Int>()
        var hiddenUnmet = Set<Int>()
        let byCategoryRole = Dictionary(grouping: cells.indices) { "\(cells[$0].key[1])|\(cells[$0].key[2])" }
        for indices in byCategoryRole.values {
            func groups(_ key: (NeedCell) -> String) -> [[Int]] {
                Dictionary(grouping: indices.indices) { key(cells[indices[$0]]) }.values.map { $0.sorted() }
                    .sorted { $0[0] < $1[0] }
            }
            let totals = groups { $0.key[0] }
            let (h, _) = control.protect(indices.map { cells[$0].count }, groups: totals)
            hiddenCount.formUnion(h.map { indices[$0] })
            let (u, _) = control.protect(indices.map { cells[$0].unmet }, groups: totals)
            hiddenUnmet.formUnion(u.map { indices[$0] })
        }
        return (hiddenCount, hiddenUnmet)
    }
}
