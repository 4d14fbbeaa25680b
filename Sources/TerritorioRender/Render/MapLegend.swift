import TerritorioCore

/// A map's legend laid out in a box sized to its text: the title, one row per entry (a swatch
/// or marker, the label, and in smaller type what it means), then notes such as how many names
/// could not be shown. Long texts are wrapped at `maxTextWidth`. Right-to-left for Arabic: the
/// swatches go on the right and the texts end at the right-hand edge.
package struct MapLegend {
    /// One line of text; `indent` when it stands beside a swatch.
    package struct Line {
        package var text: String
        package var baseline: Double
        package var size: Double
        package var bold = false
        package var indent = true
        package var muted = false
    }

    package static let size = 15.0, smallSize = 13.0, padding = 12.0, swatchColumn = 34.0, maxTextWidth = 380.0

    package var x: Double, y: Double
    private(set) var width = 0.0, height = 0.0
    private(set) var lines: [Line] = []
    /// Each entry and the top of its swatch.
    private(set) var swatches: [(entry: SVGMap.LegendEntry, top: Double)] = []

    package init(title: String, entries: [SVGMap.LegendEntry], notes: [String], x: Double, y: Double) {
        self.x = x
        self.y = y
        var cursor = y + Self.padding
        add(title, size: Self.size, bold: true, indent: false, cursor: &cursor)
        cursor += 8
        for entry in entries {
            let top = cursor
            swatches.append((entry, top))
            add(entry.label, size: Self.size, cursor: &cursor)
            if !entry.description.isEmpty { add(entry.description, size: Self.smallSize, muted: true, cursor: &cursor) }
            cursor = max(cursor, top + 18) + 8
        }
        for note in notes { add(note, size: Self.smallSize, indent: false, cursor: &cursor) }
        height = cursor - y + Self.padding - 4
        let widest = lines.map {
            TextMetrics.width($0.text, size: $0.size, bold: $0.bold) + ($0.indent ? Self.swatchColumn : 0)
        }
        width = 2 * Self.padding + (widest.max() ?? 0)
    }

    package var box: BoundingBox { BoundingBox(minX: x, minY: y, maxX: x + width, maxY: y + height) }

    /// Adds `text`, wrapped, below `cursor`, and moves the cursor down.
    private mutating func add(
        _ text: String, size: Double, bold: Bool = false, indent: Bool = true,
        muted: Bool = false, cursor: inout Double
    ) {
        let room = Self.maxTextWidth - (indent ? Self.swatchColumn : 0)
        for part in TextMetrics.wrap(text, size: size, maxWidth: room, bold: bold) {
            lines.append(
                Line(
                    text: part, baseline: cursor + TextMetrics.ascent * size, size: size, bold: bold,
                    indent: indent, muted: muted))
            cursor += size * 1.3
        }
    }

    /// The legend as an SVG group.
    package func svg(rtl: Bool) -> String {
        var s = "<g id=\"legend\">\n"
        s += "<rect id=\"legend-box\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" "
        s += "fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#999\"/>\n"
        let swatchX = rtl ? x + width - Self.padding - 24 : x + Self.padding
        for (entry, top) in swatches { s += swatch(entry, x: swatchX, top: top) }
        let direction = rtl ? " direction=\"rtl\"" : ""
        for line in lines {
            let inset = Self.padding + (line.indent ? Self.swatchColumn : 0)
            let tx = rtl ? x + width - inset : x + inset
            let style = (line.bold ? " font-weight=\"bold\"" : "") + (line.muted ? " fill=\"#333\"" : "")
            s += "<text x=\"\(f(tx))\" y=\"\(f(line.baseline))\" font-size=\"\(f(line.size))\"\(style) "
            s += "text-anchor=\"start\"\(direction)>\(Markup.escape(line.text))</text>\n"
        }
        return s + "</g>\n"
    }

    private func swatch(_ entry: SVGMap.LegendEntry, x: Double, top: Double) -> String {
        guard entry.isPoint else {
            return "<rect class=\"area \(entry.style)\" x=\"\(f(x))\" y=\"\(f(top))\" width=\"24\" height=\"18\"/>\n"
        }
        let fill = entry.hollow ? "#fff" : entry.colour
        let stroke = entry.hollow ? entry.colour : "#555"
        return "<circle cx=\"\(f(x + 12))\" cy=\"\(f(top + 9))\" r=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(entry.hollow ? 3 : 1)\"/>\n"
    }

    private func f(_ v: Double) -> String { SVGMap.format(v) }
}
