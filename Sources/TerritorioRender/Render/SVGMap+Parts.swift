import Foundation
import TerritorioCore

/// The parts of an ``SVGMap``, in drawing order.
extension SVGMap {
    private func f(_ v: Double) -> String { Self.format(v) }
    private var rtl: Bool { language == "ar" }
    /// With direction="rtl", text-anchor "start" is the right-hand end of the text.
    private var direction: String { rtl ? " direction=\"rtl\"" : "" }

    package func header(width: Double, height: Double) -> String {
        let font = "DejaVu Sans, Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, sans-serif"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" xml:lang="\(language)" font-family="\(font)">
            <title>\(Markup.escape(title))</title>
            <defs>
            \(Self.patternDefs)
            </defs>
            <style>
            \(Self.gapColours.map { ".gap-\($0.0.rawValue){fill:\($0.1)}" }.joined())
            .change-worse{fill:#d6604d} .change-better{fill:#4393c3} .change-same{fill:#f7f7f7}
            .change-unknown{fill:url(#hatch)}
            .gap-insufficient_data{fill:\(Self.insufficientFill)} .gap-suppressed{fill:\(Self.suppressedFill)} \
            .base{fill:#f7f7f7}
            .area{stroke:#555;stroke-width:1} .label{font-size:\(Int(Self.labelSize))px;fill:#222;paint-order:stroke;\
            stroke:#fff;stroke-width:3px}
            .title{font-size:30px;font-weight:bold} .small{font-size:13px;fill:#333} .legend{font-size:15px} \
            .note{font-size:15px;fill:#b00020;font-weight:bold}
            </style>
            <rect width="100%" height="100%" fill="#fff"/>

            """
    }

    package func heading(width: Double) -> String {
        let x = f(rtl ? width - margin : margin)
        let shownDate = rtl ? "\u{2066}\(date)\u{2069}" : date
        return "<text class=\"title\" x=\"\(x)\" y=\"50\" text-anchor=\"start\"\(direction)>"
            + "\(Markup.escape(title))</text>\n"
            + "<text class=\"small\" x=\"\(x)\" y=\"80\" text-anchor=\"start\"\(direction)>"
            + "\(Markup.escape(Phrases.text("date", language, shownDate)))</text>\n"
    }

    package func areaPaths(_ frame: Frame) -> String {
        var s = "<g id=\"municipalities\">\n"
        for (area, rings) in zip(areas, frame.rings) {
            var d = ""
            for ring in rings {
                for (i, c) in ring.enumerated() { d += (i == 0 ? "M" : "L") + f(c.x) + " " + f(c.y) }
                d += "Z"
            }
            s += "<path class=\"area \(area.style)\" data-code=\"\(Markup.escape(area.code))\" fill-rule=\"evenodd\" "
            s += "d=\"\(d)\"><title>\(Markup.escape(area.tooltip))</title></path>\n"
        }
        return s + "</g>\n"
    }

    /// The markers; where several share a place, spokes from a dot at the place to each marker.
    package func markerMarks(_ placements: [MarkerSpread.Placement]) -> String {
        var s = "<g id=\"spread\">\n"
        for p in placements where p.spread {
            s += "<line x1=\"\(f(p.trueX))\" y1=\"\(f(p.trueY))\" x2=\"\(f(p.x))\" y2=\"\(f(p.y))\" stroke=\"#333\" "
            s += "stroke-width=\"1\"/>\n"
        }
        for place in Set(placements.filter(\.spread).map { "\(f($0.trueX)) \(f($0.trueY))" }).sorted() {
            let xy = place.split(separator: " ")
            s += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2.5\" fill=\"#333\"/>\n"
        }
        s += "</g>\n<g id=\"services\">\n"
        for (p, at) in zip(points, placements) {
            let fill = p.verified ? p.colour : "#fff"
            let stroke = p.verified ? "#fff" : p.colour
            s += "<circle cx=\"\(f(at.x))\" cy=\"\(f(at.y))\" r=\"\(f(Self.markerRadius))\" fill=\"\(fill)\" "
            s += "stroke=\"\(stroke)\" stroke-width=\"\(p.verified ? 1.5 : 3)\">"
            s += "<title>\(Markup.escape(p.tooltip))</title></circle>\n"
        }
        return s + "</g>\n"
    }

    /// Places the areas' names, avoiding the markers, the spread markers' centre dots and
    /// the edge of the map.
    package func placeLabels(
        _ frame: Frame,
        markers: [MarkerSpread.Placement]
    ) -> (placed: [LabelPlacer.Placed], dropped: [Int]) {
        var obstacles = markers.map {
            BoundingBox(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y).padded(Self.markerReach + 1)
        }
        obstacles += markers.filter(\.spread).map {
            BoundingBox(minX: $0.trueX, minY: $0.trueY, maxX: $0.trueX, maxY: $0.trueY).padded(4)
        }
        let placer = LabelPlacer(size: Self.labelSize, frame: frame.box, obstacles: obstacles)
        let labels = zip(areas, frame.rings).map { area, rings in
            LabelPlacer.Label(text: area.name, anchor: frame.project(area.labelPoint), rings: rings)
        }
        let order = areas.indices.sorted { (-areas[$0].rank, $0) < (-areas[$1].rank, $1) }
        return placer.place(labels, order: order)
    }

    package func labelTexts(_ placed: [LabelPlacer.Placed], frame: Frame) -> String {
        var s = "<g id=\"leaders\">\n"
        for p in placed where p.leader {
            let anchor = frame.project(areas[p.index].labelPoint)
            let end = LabelPlacer.nearest(on: p.box, to: anchor)
            s += "<line x1=\"\(f(anchor.x))\" y1=\"\(f(anchor.y))\" x2=\"\(f(end.x))\" y2=\"\(f(end.y))\" "
            s += "stroke=\"#444\" stroke-width=\"0.8\"/>"
            s += "<circle cx=\"\(f(anchor.x))\" cy=\"\(f(anchor.y))\" r=\"1.5\" fill=\"#444\"/>\n"
        }
        s += "</g>\n<g id=\"labels\">\n"
        for p in placed.sorted(by: { $0.index < $1.index }) {
            s += "<text class=\"label\" x=\"\(f(p.x))\" y=\"\(f(p.y))\" text-anchor=\"middle\" direction=\"ltr\">"
            s += "\(Markup.escape(areas[p.index].name))</text>\n"
        }
        return s + "</g>\n"
    }

    /// The north arrow and a 10 km scale bar, at the top-left corner (`x`, `y`).
    package func northArrowAndScale(x: Double, y: Double, scale: Double) -> String {
        let nx = x + 30
        let ny = y + 20
        var s = "<g id=\"north-arrow\"><path d=\"M\(f(nx)) \(f(ny))l-12 36l12 -9l12 9z\" fill=\"#222\"/>"
        s += "<text class=\"legend\" x=\"\(f(nx))\" y=\"\(f(ny - 6))\" text-anchor=\"middle\">"
        s += "\(Markup.escape(Phrases.text("north", language)))</text></g>\n"
        let bar = 10_000.0 * scale
        let by = ny + 70
        let half = "y=\"\(f(by))\" width=\"\(f(bar / 2))\" height=\"8\""
        s += "<g id=\"scale-bar\"><rect x=\"\(f(x))\" \(half) fill=\"#222\"/>"
        s += "<rect x=\"\(f(x + bar / 2))\" \(half) fill=\"#fff\" stroke=\"#222\"/>"
        s += "<text class=\"small\" x=\"\(f(x))\" y=\"\(f(by + 26))\" direction=\"ltr\">0</text>"
        s += "<text class=\"small\" x=\"\(f(x + bar))\" y=\"\(f(by + 26))\" text-anchor=\"middle\" direction=\"ltr\">"
        s += "10 km</text></g>\n"
        return s
    }

    /// Attribution, projection and, for approximate boundaries, the warning, from `y` down.
    package func footer(width: Double, y: Double) -> String {
        let x = f(rtl ? width - margin : margin)
        let attribution = Phrases.text("attribution", language) + " · WGS 84 / UTM 32N (EPSG:32632)"
        var s = "<text class=\"small\" x=\"\(x)\" y=\"\(f(y))\" text-anchor=\"start\"\(direction)>"
        s += "\(Markup.escape(attribution))</text>\n"
        if approximate {
            s += "<text class=\"note\" id=\"approximate-note\" x=\"\(x)\" y=\"\(f(y + 28))\" "
            s += "text-anchor=\"start\"\(direction)>"
            s += "\(Markup.escape(Phrases.text("approximate", language)))</text>\n"
        }
        return s
    }
}
