import Foundation
import TerritorioCore

/// The one-page meeting summary of a ``ChangeReport``: the largest changes first, the services
/// opened, closed or changed, and a small map of gap-level changes; in Italian, English, French or
/// Arabic (right to left, with Latin names kept left to right). Every string from data is escaped.
public struct ChangeSummary {
    public var report: ChangeReport
    public var map: SVGMap?
    /// Rows in the table of largest changes (the page holds about this many).
    public static let rows = 12

    public init(report: ChangeReport, shapes: [String: MultiPolygon], language: String) {
        self.report = report
        map = shapes.isEmpty ? nil : Maps.changes(report, language: language, shapes: shapes)
    }

    package func text(_ key: String, _ l: String, _ argument: String = "") -> String {
        Markup.escape(Phrases.text(key, l, argument))
    }

    public func html(language l: String) -> String {
        let r = report
        let period = "\(r.from.name) (\(r.from.start) – \(r.from.end)) → \(r.to.name) (\(r.to.start) – \(r.to.end))"
        let svg = map.map { Self.inline($0.svg()) } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(l)" dir="\(l == "ar" ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <title>\(text("changes.title", l))</title>
            <style>
            @page { size: A4 portrait; margin: 12mm; }
            html { font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111; font-size: 9.5pt; }
            html[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
            h1 { font-size: 18pt; margin: 0 0 1mm; color: #08306b; } h2 { font-size: 12pt; margin: 3mm 0 1mm; }
            table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 0.5pt solid #bbb; padding: 1mm; }
            th { text-align: start; background: #eef; } .n { text-align: end; white-space: nowrap; }
            .map svg { width: 100%; height: auto; max-height: 95mm; } footer { font-size: 8pt; color: #444; }
            </style>
            </head>
            <body>
            <h1>\(text("changes.title", l))</h1>
            <p>\(text("changes.rounds", l, "")) <bdi dir="ltr">\(Markup.escape(period))</bdi></p>
            <h2>\(text("changes.largest", l))</h2>
            \(table(l))
            \(services(l))
            <div class="map">\(svg)</div>
            <footer>\(text("changes.withheld", l, "\(r.k)")) · \(text("attribution", l))</footer>
            </body>
            </html>

            """
    }

    package func table(_ l: String) -> String {
        let rows = report.largestChanges(limit: Self.rows)
        guard !rows.isEmpty else { return "<p>\(text("changes.none", l))</p>" }
        let labels = Dictionary(uniqueKeysWithValues: report.categories.map { ($0.code, $0.label(l)) })
        func level(_ v: String?, _ hidden: Bool) -> String {
            hidden ? "—" : v.map { Markup.escape(Phrases.text("level.\($0)", l)) } ?? "—"
        }
        func number(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "—" }
        func signed(_ v: Double?) -> String { v.map { String(format: "%+.1f", $0) } ?? "—" }
        var html =
            "<table>\n<tr><th>\(text("changes.municipality", l))</th><th>\(text("changes.category", l))</th>"
            + "<th>\(text("changes.level", l))</th><th>\(text("changes.need", l))</th>"
            + "<th>\(text("changes.services", l))</th></tr>\n"
        for row in rows {
            let need =
                row.needSuppressed
                ? "—"
                : "\(number(row.needFrom)) → \(number(row.needTo)) (\(signed(row.needChange)))"
            html +=
                "<tr><td><bdi dir=\"ltr\">\(Markup.escape(row.name))</bdi></td>"
                + "<td>\(Markup.escape(labels[row.category] ?? row.category))</td>"
                + "<td>\(level(row.levelFrom, row.levelSuppressed)) → \(level(row.levelTo, row.levelSuppressed))</td>"
                + "<td class=\"n\"><bdi dir=\"ltr\">\(need)</bdi></td><td>\(serviceCounts(row, l))</td></tr>\n"
        }
        return html + "</table>"
    }

    package func serviceCounts(_ row: ChangeReport.Row, _ l: String) -> String {
        [
            ("changes.opened", row.opened), ("changes.closed", row.closed), ("changes.hours", row.hoursChanged),
            ("changes.languages", row.languagesChanged)
        ].filter { $0.1 > 0 }
            .map { text($0.0, l, "\($0.1)") }.joined(separator: ", ")
    }

    /// The directory's changes between the rounds, one line each.
    package func services(_ l: String) -> String {
        let shown = report.serviceChanges.filter { $0.kind != .updated || $0.hoursChanged || $0.languagesChanged }
        let lines = shown.prefix(8).map { c -> String in
            let what: String =
                switch c.kind {
                case .opened: text("changes.opened", l, c.effectiveDate)
                case .closed: text("changes.closed", l, c.effectiveDate)
                case .updated:
                    [
                        c.hoursChanged ? text("changes.hours", l, c.effectiveDate) : nil,
                        c.languagesChanged ? text("changes.languages", l, c.effectiveDate) : nil
                    ].compactMap { $0 }
                        .joined(separator: ", ")
                }
            return "<li><bdi dir=\"ltr\">\(Markup.escape(c.service?.name ?? c.serviceID))</bdi>: \(what)</li>"
        }
        guard !lines.isEmpty else { return "" }
        return "<h2>\(text("changes.services", l))</h2>\n<ul>\n" + lines.joined(separator: "\n") + "\n</ul>"
    }

    /// An SVG document as an element inside HTML (without its XML declaration).
    package static func inline(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
