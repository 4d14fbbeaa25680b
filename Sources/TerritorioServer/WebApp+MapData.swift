import Foundation
import Hummingbird
import TerritorioKit

/// The map viewer's data: one GeoJSON FeatureCollection per category with, per municipality,
/// its class and fill (the SVG map's), and the category's figures exactly as the report
/// publishes them (withheld cells are null with their `_suppressed` flag); the legend, the
/// hatching patterns, the services and the texts travel as foreign members.
extension WebApp {
    /// The report's columns per category, in report order (the popup's and the table's rows).
    static let mapFields = [
        "user_reports", "operator_requests", "operator_unmet", "need_per_1000", "responses", "services_local",
        "nearest_cost", "nearest_service", "access", "access_ratio", "no_service_within_reach", "awareness_gap",
        "language_gap", "gap_level"
    ]

    /// `/map/data.json?category=…&lang=…`.
    func mapData(_ request: Request) async throws -> Response {
        _ = try await require(request, Self.mapViewers)
        let language = language(request)
        let (report, category) = try await mapSelection(request)
        let map = try await Maps.gaps(report: report, category: category.code, language: language, from: store)
        let fills = Dictionary(uniqueKeysWithValues: SVGMap.gapFills.map { ($0.style, $0.fill) })
        var writer = GeoJSONWriter(members: try mapMembers(map, category: category, language: language, fills: fills))
        let municipalities = report.analysis.inputs.municipalities
        for area in map.areas {
            guard let i = municipalities.firstIndex(where: { $0.code == area.code }) else { continue }
            let style = area.style
            let level = String(style.dropFirst("gap-".count))
            var properties: [(key: String, value: GeoJSONWriter.Value)] = [
                ("istat_code", .string(area.code)), ("name", .string(area.name)), ("class", .string(style)),
                ("fill", .string(fills[style])), ("level_label", .string(Phrases.text("level.\(level)", language)))
            ]
            properties += Self.published(report, category: category.code, municipality: i)
            writer.addFeature(
                id: area.code, properties: properties, geometry: .multiPolygon(RightHandRule.apply(area.shape)))
        }
        return Self.geoJSONResponse(writer.finish())
    }

    /// The report's properties of `category` for municipality `i`, without the category prefix.
    static func published(
        _ report: GapReport, category: String, municipality i: Int
    ) -> [(key: String, value: GeoJSONWriter.Value)] {
        let prefix = category + "_"
        let wanted = Set(mapFields.flatMap { [prefix + $0, prefix + $0 + "_suppressed"] })
        return report.properties(municipality: i).filter { wanted.contains($0.key) }.map {
            (String($0.key.dropFirst(prefix.count)), $0.value)
        }
    }

    /// The foreign members: category, title, legend, patterns, services, field labels, texts.
    func mapMembers(
        _ map: SVGMap, category: TerritorioKit.Category, language: String, fills: [String: String]
    ) throws -> [(String, String)] {
        let legend: [[String: Any]] = map.legend.map {
            [
                "label": $0.label, "description": $0.description, "point": $0.isPoint,
                "fill": $0.isPoint ? $0.colour : (fills[$0.style] ?? ""), "hollow": $0.hollow
            ]
        }
        let services: [[String: Any]] = map.points.map {
            [
                "name": $0.tooltip, "lat": $0.location.lat, "lon": $0.location.lon, "verified": $0.verified,
                "colour": $0.colour
            ]
        }
        let fields = Self.mapFields.map { ["key": $0, "label": strings.text("map_field_" + $0, language)] }
        let texts = [
            "withheld": strings.text("map_withheld", language), "none": "—",
            "yes": strings.text("map_yes", language), "no": strings.text("map_no", language),
            "services": Phrases.text("legend.service", language), "legend": map.legendTitle
        ]
        func encoded(_ value: Any) throws -> String {
            String(
                decoding: try JSONSerialization.data(withJSONObject: value, options: Self.jsonOptions), as: UTF8.self)
        }
        return [
            ("category", GeoJSONWriter.quoted(category.code)), ("title", GeoJSONWriter.quoted(map.title)),
            ("language", GeoJSONWriter.quoted(language)),
            ("attribution", GeoJSONWriter.quoted(Phrases.text("attribution", language))),
            ("patterns", GeoJSONWriter.quoted(SVGMap.patternDefs)), ("legend", try encoded(legend)),
            ("services", try encoded(services)), ("fields", try encoded(fields)), ("texts", try encoded(texts))
        ]
    }

    /// The figures of `category` per municipality as table rows, in the page's language.
    func figureRows(_ report: GapReport, category: String, language: String) -> [[String: Any]] {
        report.analysis.inputs.municipalities.indices.map { i in
            let values = Dictionary(
                Self.published(report, category: category, municipality: i).map { ($0.key, $0.value) }
            ) { a, _ in a }
            let cells = Self.mapFields.map { field -> String in
                if case .bool(true)? = values[field + "_suppressed"] { return strings.text("map_withheld", language) }
                return Self.display(values[field], field: field, language: language, strings: strings)
            }
            return ["name": report.analysis.inputs.municipalities[i].name, "cells": cells]
        }
    }

    /// A published value as the page shows it.
    static func display(
        _ value: GeoJSONWriter.Value?, field: String, language: String, strings: WebStrings
    ) -> String {
        switch value {
        case .int(let n?): return String(n)
        case .double(let d?): return String(format: d != 0 && abs(d) < 1 ? "%.3g" : "%.2f", d)
        case .string(let s?): return field == "gap_level" ? Phrases.text("level.\(s)", language) : s
        case .bool(let b): return strings.text(b ? "map_yes" : "map_no", language)
        default: return "—"
        }
    }
}
