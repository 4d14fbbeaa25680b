import Foundation

/// A map of the consortium as SVG, in UTM zone 32N fitted to the municipalities: a choropleth
/// of the gap level for one category, or the services by category. Every map has a title, a
/// legend, a scale bar, a north arrow, the data date, the ISTAT attribution and, when the
/// boundaries are approximate, a visible note. Texts in it/en/fr/ar (Arabic right-to-left).
public struct SVGMap {
    public struct Area {
        public var code: String
        public var name: String
        public var shape: MultiPolygon
        public var labelPoint: Coordinate
        /// The CSS class of the area (e.g. `gap-high`), and its tooltip.
        public var style: String
        public var tooltip: String
    }

    public struct Point {
        public var location: Coordinate
        public var colour: String
        public var verified: Bool
        public var tooltip: String
    }

    public struct LegendEntry {
        public var style: String
        public var label: String
        public var isPoint = false
        public var colour = ""
        public var hollow = false
    }

    public var language: String
    public var title: String
    public var areas: [Area]
    public var points: [Point]
    public var legendTitle: String
    public var legend: [LegendEntry]
    public var date: String
    public var approximate: Bool

    /// Colour-blind-safe sequential palette (ColorBrewer YlOrRd, 5 classes) for the gap levels.
    public static let gapColours: [(GapLevel, String)] = [
        (.none, "#ffffb2"), (.low, "#fecc5c"), (.medium, "#fd8d3c"), (.high, "#f03b20"), (.critical, "#bd0026"),
    ]
    /// Qualitative colours for categories (Paul Tol's muted and light schemes, colour-blind safe).
    public static let categoryColours = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                                         "#AA4499", "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33"]

    let width = 1400.0
    let mapWidth = 1020.0
    let margin = 40.0
    let top = 110.0

    public func svg() -> String {
        let projection = TransverseMercator.utm32N
        let projected = areas.map { MultiPolygon(polygons: $0.shape.polygons.map { Polygon(rings: $0.rings.map { $0.map(projection.project) }) }) }
        guard let box = projected.compactMap(\.boundingBox).reduce(nil, { $0?.union($1) ?? $1 }) else { return "" }
        let scale = min(mapWidth / (box.maxX - box.minX), 900 / (box.maxY - box.minY))
        let mapHeight = (box.maxY - box.minY) * scale
        let height = top + mapHeight + 130
        func xy(_ c: Coordinate) -> (Double, Double) { (margin + (c.x - box.minX) * scale, top + (box.maxY - c.y) * scale) }
        func fmt(_ v: Double) -> String { String(format: "%.1f", v) }
        let rtl = language == "ar"
        let font = "DejaVu Sans, Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, sans-serif"
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" xml:lang="\(language)" font-family="\(font)">
            <title>\(Markup.escape(title))</title>
            <defs>
            <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#777" stroke-width="2"/></pattern>
            <pattern id="crosshatch" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#e0e0f0"/><path d="M0 0L8 8M8 0L0 8" stroke="#557" stroke-width="1"/></pattern>
            </defs>
            <style>
            \(Self.gapColours.map { ".gap-\($0.0.rawValue){fill:\($0.1)}" }.joined())
            .gap-insufficient_data{fill:url(#hatch)} .gap-suppressed{fill:url(#crosshatch)} .base{fill:#f7f7f7}
            .area{stroke:#555;stroke-width:1} .label{font-size:12px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}
            .title{font-size:30px;font-weight:bold} .small{font-size:13px;fill:#333} .legend{font-size:15px} .note{font-size:15px;fill:#b00020;font-weight:bold}
            </style>
            <rect width="100%" height="100%" fill="#fff"/>

            """
        let titleX = rtl ? width - margin : margin
        // With direction="rtl", text-anchor "start" is the right-hand end of the text.
        let anchor = "start"
        s += "<text class=\"title\" x=\"\(fmt(titleX))\" y=\"50\" text-anchor=\"\(anchor)\"\(rtl ? " direction=\"rtl\"" : "")>\(Markup.escape(title))</text>\n"
        s += "<text class=\"small\" x=\"\(fmt(titleX))\" y=\"80\" text-anchor=\"\(anchor)\"\(rtl ? " direction=\"rtl\"" : "")>\(Markup.escape(Phrases.text("date", language, rtl ? "\u{2066}\(date)\u{2069}" : date)))</text>\n"
        s += "<g id=\"municipalities\">\n"
        for (area, shape) in zip(areas, projected) {
            var d = ""
            for polygon in shape.polygons {
                for ring in polygon.rings {
                    for (i, c) in ring.enumerated() { let (x, y) = (margin + (c.x - box.minX) * scale, top + (box.maxY - c.y) * scale); d += (i == 0 ? "M" : "L") + fmt(x) + " " + fmt(y) }
                    d += "Z"
                }
            }
            s += "<path class=\"area \(area.style)\" data-code=\"\(Markup.escape(area.code))\" fill-rule=\"evenodd\" d=\"\(d)\"><title>\(Markup.escape(area.tooltip))</title></path>\n"
        }
        s += "</g>\n<g id=\"services\">\n"
        for p in points {
            let (x, y) = xy(projection.project(p.location))
            s += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"6\" fill=\"\(p.verified ? p.colour : "#fff")\" stroke=\"\(p.verified ? "#fff" : p.colour)\" stroke-width=\"\(p.verified ? 1.5 : 3)\"><title>\(Markup.escape(p.tooltip))</title></circle>\n"
        }
        s += "</g>\n<g id=\"labels\">\n"
        for area in areas {
            let (x, y) = xy(projection.project(area.labelPoint))
            s += "<text class=\"label\" x=\"\(fmt(x))\" y=\"\(fmt(y - 8))\" text-anchor=\"middle\" direction=\"ltr\">\(Markup.escape(area.name))</text>\n"
        }
        s += "</g>\n"
        // Legend, on the right.
        let lx = margin + mapWidth + 30, lw = width - lx - margin
        let textX = rtl ? lx + lw : lx + 34
        let swatchX = rtl ? lx + lw - 24 : lx
        let textAnchor = "start"
        let textRTL = rtl ? " direction=\"rtl\"" : ""
        s += "<g id=\"legend\">\n<text class=\"legend\" font-weight=\"bold\" x=\"\(fmt(rtl ? lx + lw : lx))\" y=\"\(fmt(top + 10))\" text-anchor=\"\(textAnchor)\"\(textRTL)>\(Markup.escape(legendTitle))</text>\n"
        var ly = top + 35
        for entry in legend {
            if entry.isPoint {
                s += "<circle cx=\"\(fmt(swatchX + 12))\" cy=\"\(fmt(ly + 9))\" r=\"6\" fill=\"\(entry.hollow ? "#fff" : entry.colour)\" stroke=\"\(entry.hollow ? entry.colour : "#555")\" stroke-width=\"\(entry.hollow ? 3 : 1)\"/>\n"
            } else {
                s += "<rect class=\"area \(entry.style)\" x=\"\(fmt(swatchX))\" y=\"\(fmt(ly))\" width=\"24\" height=\"18\"/>\n"
            }
            let labelX = rtl ? swatchX - 10 : textX
            s += "<text class=\"legend\" x=\"\(fmt(labelX))\" y=\"\(fmt(ly + 14))\" text-anchor=\"\(textAnchor)\"\(textRTL)>\(Markup.escape(entry.label))</text>\n"
            ly += 28
        }
        s += "</g>\n"
        // North arrow and scale bar (10 km) under the legend.
        let nx = lx + 30, ny = ly + 30
        s += "<g id=\"north-arrow\"><path d=\"M\(fmt(nx)) \(fmt(ny))l-12 36l12 -9l12 9z\" fill=\"#222\"/><text class=\"legend\" x=\"\(fmt(nx))\" y=\"\(fmt(ny - 6))\" text-anchor=\"middle\">\(Markup.escape(Phrases.text("north", language)))</text></g>\n"
        let barMetres = 10_000.0, bar = barMetres * scale
        let by = ny + 80
        s += "<g id=\"scale-bar\"><rect x=\"\(fmt(lx))\" y=\"\(fmt(by))\" width=\"\(fmt(bar / 2))\" height=\"8\" fill=\"#222\"/><rect x=\"\(fmt(lx + bar / 2))\" y=\"\(fmt(by))\" width=\"\(fmt(bar / 2))\" height=\"8\" fill=\"#fff\" stroke=\"#222\"/>"
        s += "<text class=\"small\" x=\"\(fmt(lx))\" y=\"\(fmt(by + 26))\" direction=\"ltr\">0</text><text class=\"small\" x=\"\(fmt(lx + bar))\" y=\"\(fmt(by + 26))\" text-anchor=\"middle\" direction=\"ltr\">10 km</text></g>\n"
        // Footer: attribution, projection, approximate-boundaries note.
        let footY = top + mapHeight + 40
        s += "<text class=\"small\" x=\"\(fmt(titleX))\" y=\"\(fmt(footY))\" text-anchor=\"\(anchor)\"\(textRTL)>\(Markup.escape(Phrases.text("attribution", language) + " · WGS 84 / UTM 32N (EPSG:32632)"))</text>\n"
        if approximate {
            s += "<text class=\"note\" id=\"approximate-note\" x=\"\(fmt(titleX))\" y=\"\(fmt(footY + 28))\" text-anchor=\"\(anchor)\"\(textRTL)>\(Markup.escape(Phrases.text("approximate", language)))</text>\n"
        }
        s += "</svg>\n"
        return s
    }
}
