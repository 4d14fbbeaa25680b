import Foundation
import TerritorioCore

extension Maps {
    /// The map of gap-level changes between two rounds: per municipality, the sum of the published
    /// changes over the categories (worse, better, unchanged; hatched when none is published).
    public static func changes(_ report: ChangeReport, language: String, shapes: [String: MultiPolygon]) -> SVGMap {
        let areas = report.municipalities.enumerated().compactMap { i, m -> SVGMap.Area? in
            guard let shape = shapes[m.code] else { return nil }
            let net = report.netLevelChange(municipality: i)
            let style = net.map { $0 > 0 ? "worse" : $0 < 0 ? "better" : "same" } ?? "unknown"
            return SVGMap.Area(
                code: m.code, name: m.name, shape: shape, labelPoint: m.point, style: "change-\(style)",
                tooltip: "\(m.name): \(Phrases.text("change.\(style)", language))",
                rank: Double(m.population))
        }
        let legend = ["worse", "better", "same", "unknown"].map {
            SVGMap.LegendEntry(style: "change-\($0)", label: Phrases.text("change.\($0)", language))
        }
        return SVGMap(
            language: language, title: Phrases.text("changes.map", language), areas: areas, points: [],
            legendTitle: "\(report.from.name) → \(report.to.name)", legend: legend, date: report.to.end,
            approximate: report.municipalities.contains { $0.boundaryApproximate })
    }
}
