import Foundation
import TerritorioCore

/// A map of the consortium as SVG, in UTM zone 32N fitted to the municipalities: a choropleth
/// of the gap level for one category, or the services by category. Every map has a title, a
/// legend sized to its text, a scale bar, a north arrow, the data date, the ISTAT attribution
/// and, when the boundaries are approximate, a visible note. Texts in it/en/fr/ar (Arabic
/// right-to-left). Names never overlap one another or a marker (``LabelPlacer``), markers
/// never hide one another (``MarkerSpread``), and the canvas grows to hold every text.
public struct SVGMap {
    public struct Area {
        public var code: String
        public var name: String
        public var shape: MultiPolygon
        public var labelPoint: Coordinate
        /// The CSS class of the area (e.g. `gap-high`), and its tooltip.
        public var style: String
        public var tooltip: String
        /// Names of higher rank (population) are placed first.
        public var rank = 0.0
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
        /// What the entry means, in one line (e.g. what a gap level says).
        public var description = ""
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
        (.none, "#ffffb2"), (.low, "#fecc5c"), (.medium, "#fd8d3c"), (.high, "#f03b20"), (.critical, "#bd0026")
    ]
    /// The fill of "insufficient data" (hatched) and of "withheld" (cross-hatched) areas: patterns
    /// defined in ``patternDefs``.
    public static let insufficientFill = "url(#hatch)"
    public static let suppressedFill = "url(#crosshatch)"
    /// The SVG `<pattern>` elements of the hatchings (inside a map's `<defs>`; the web map adds
    /// them to Leaflet's SVG), one per line.
    /// The "/" hatch is drawn in an axis-aligned 11-unit tile (lines 7.8 apart): a rotated
    /// pattern (`patternTransform`) or a fractional tile costs `rsvg-convert` three times as much.
    public static let patternDefs =
        "<pattern id=\"hatch\" width=\"11\" height=\"11\" patternUnits=\"userSpaceOnUse\">"
        + "<rect width=\"11\" height=\"11\" fill=\"#f0f0f0\"/><path d=\"M-2 2L2 -2M0 11L11 0M9 13L13 9\" "
        + "stroke=\"#777\" stroke-width=\"2\"/></pattern>\n"
        + "<pattern id=\"crosshatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
        + "<rect width=\"8\" height=\"8\" fill=\"#e0e0f0\"/><path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#557\" "
        + "stroke-width=\"1\"/></pattern>"
    /// The fill of each class of the gap map (`gap-<level>`, and `gap-suppressed`), in legend order.
    public static var gapFills: [(style: String, fill: String)] {
        gapColours.map { ("gap-\($0.0.rawValue)", $0.1) }
            + [("gap-insufficient_data", insufficientFill), ("gap-suppressed", suppressedFill)]
    }
    /// Qualitative colours for categories (Paul Tol's muted and light schemes, colour-blind safe).
    public static let categoryColours = [
        "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
        "#882255", "#AA4499", "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF",
        "#44BB99", "#BBCC33"
    ]

    package let mapWidth = 1020.0
    package let margin = 40.0
    package let top = 110.0
    package static let labelSize = 12.0
    package static let markerRadius = 6.0
    /// A marker's reach: radius plus half the hollow markers' 3 px stroke.
    package static let markerReach = 7.5

    package static func format(_ v: Double) -> String { String(format: "%.1f", v) }

    /// The projected map: each area's rings in pixels, and the scale (pixels per metre).
    package struct Frame {
        package var rings: [[[Coordinate]]]
        package var scale: Double
        package var box: BoundingBox
        package var project: (Coordinate) -> Coordinate
    }

    package func frame() -> Frame? {
        let projection = TransverseMercator.utm32N
        let projected = areas.map { $0.shape.polygons.flatMap { $0.rings.map { $0.map(projection.project) } } }
        guard let extent = BoundingBox(projected.joined().joined()) else { return nil }
        let scale = min(mapWidth / (extent.maxX - extent.minX), 900 / (extent.maxY - extent.minY))
        let (left, top) = (margin, self.top)
        let toScreen = { (c: Coordinate) in
            Coordinate(x: left + (c.x - extent.minX) * scale, y: top + (extent.maxY - c.y) * scale)
        }
        let box = BoundingBox(
            minX: margin, minY: top, maxX: margin + (extent.maxX - extent.minX) * scale,
            maxY: top + (extent.maxY - extent.minY) * scale)
        return Frame(
            rings: projected.map { $0.map { $0.map(toScreen) } }, scale: scale, box: box,
            project: { toScreen(projection.project($0)) })
    }

    public func svg() -> String {
        guard let frame = frame() else { return "" }
        let markers = MarkerSpread.spread(points.map { frame.project($0.location) }, radius: Self.markerReach)
        let labels = placeLabels(frame, markers: markers)
        var notes: [String] = []
        if !labels.dropped.isEmpty { notes.append(Phrases.text("labels.hidden", language, "\(labels.dropped.count)")) }
        let legendBox = MapLegend(title: legendTitle, entries: legend, notes: notes, x: frame.box.maxX + 30, y: top)
        let furnitureTop = legendBox.box.maxY + 40
        let titleWidth = TextMetrics.width(title, size: 30, bold: true)
        let width = (max(legendBox.box.maxX, frame.box.maxX + 30 + 260, margin + titleWidth) + margin).rounded(.up)
        let footY = max(frame.box.maxY + 40, furnitureTop + 150)
        let height = (footY + (approximate ? 28 : 0) + 40).rounded(.up)
        var s = header(width: width, height: height)
        s += heading(width: width)
        s += areaPaths(frame)
        s += markerMarks(markers)
        s += labelTexts(labels.placed, frame: frame)
        s += legendBox.svg(rtl: language == "ar")
        s += northArrowAndScale(x: legendBox.x, y: furnitureTop, scale: frame.scale)
        s += footer(width: width, y: footY)
        return s + "</svg>\n"
    }
}
