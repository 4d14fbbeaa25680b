import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Map layout: names and markers")
struct MapLayoutTests {
    let square = [[(0.0, 0.0), (400, 0), (400, 400), (0, 400), (0, 0)].map { Coordinate(x: $0.0, y: $0.1) }]

    @Test("names sharing an anchor are set apart, and none covers a marker")
    func crowdedNames() {
        let marker = BoundingBox(minX: 194, minY: 194, maxX: 206, maxY: 206)
        let frame = BoundingBox(minX: 0, minY: 0, maxX: 400, maxY: 400)
        let placer = LabelPlacer(size: 12, frame: frame, obstacles: [marker])
        let names = ["Capriata d'Orba", "Francavilla Bisio", "Tassarolo", "Novi Ligure"]
        let labels = names.map { LabelPlacer.Label(text: $0, anchor: Coordinate(x: 200, y: 200), rings: square) }
        let (placed, dropped) = placer.place(labels, order: Array(labels.indices))
        #expect(dropped.isEmpty && placed.count == 4)
        for (i, a) in placed.enumerated() {
            #expect(!a.box.intersects(marker))
            for b in placed[(i + 1)...] { #expect(!a.box.intersects(b.box), "\(names[a.index]) and \(names[b.index])") }
        }
    }

    @Test("a name with no room anywhere is left out and counted")
    func noRoom() {
        let placer = LabelPlacer(size: 12, frame: BoundingBox(minX: 0, minY: 0, maxX: 60, maxY: 20), obstacles: [])
        let label = LabelPlacer.Label(text: "Mongiardino Ligure", anchor: Coordinate(x: 30, y: 10), rings: [])
        #expect(placer.place([label], order: [0]).dropped == [0])
    }

    @Test("markers in one place are set out on a ring without overlapping", arguments: [2, 5, 12])
    func spread(_ count: Int) {
        let placements = MarkerSpread.spread(
            Array(repeating: Coordinate(x: 100, y: 100), count: count)
                + [Coordinate(x: 118, y: 100)], radius: 7.5)
        for (i, a) in placements.enumerated() {
            for b in placements[(i + 1)...] { #expect(hypot(a.x - b.x, a.y - b.y) >= 15) }
        }
        #expect(placements.prefix(count).allSatisfy { $0.spread })
    }

    @Test("the legend box holds its longest label, wrapped, and grows with its text")
    func legendFits() {
        let long = SVGMap.LegendEntry(
            style: "", label: "Ascolto e orientamento (segretariato sociale)", isPoint: true,
            colour: "#000", description: "Cerchio vuoto: informazioni ancora da verificare")
        let legend = MapLegend(title: "Servizio", entries: [long], notes: ["3 nomi di comuni non mostrati"], x: 0, y: 0)
        for line in legend.lines {
            let inset = MapLegend.padding + (line.indent ? MapLegend.swatchColumn : 0)
            let width = TextMetrics.width(line.text, size: line.size, bold: line.bold)
            #expect(inset + width <= legend.width - MapLegend.padding)
            #expect(line.baseline + TextMetrics.descent * line.size <= legend.height)
        }
    }
}
