import TerritorioCore

/// Places the names of a map's areas so that no two overlap, none covers a marker and all stay
/// inside the map's frame. Names are placed in order of rank (population first). Each tries
/// positions around its anchor, nearest first, preferring those inside its own area; a name
/// placed away from its anchor gets a leader line; a name with no free position is dropped and
/// counted (the map says how many; the SVG keeps every name in the areas' tooltips).
package struct LabelPlacer {
    /// A name to place: its text, its anchor (a point inside the area, in pixels) and the area's
    /// outline (rings, in pixels) used to prefer positions inside it.
    package struct Label {
        package var text: String
        package var anchor: Coordinate
        package var rings: [[Coordinate]]
    }

    /// A placed name: where its text goes (centred on `x`, baseline `y`) and its box.
    package struct Placed {
        package var index: Int
        package var x: Double, y: Double
        package var box: BoundingBox
        package var leader: Bool
    }

    package var size: Double
    /// The map's frame: names stay inside it.
    package var frame: BoundingBox
    /// Markers and other things names must not cover.
    package var obstacles: [BoundingBox]
    /// Space kept free around the text (the white halo is 1.5 px).
    package let halo = 2.0

    /// Places `labels` in the order of `order` (indices into `labels`).
    package func place(_ labels: [Label], order: [Int]) -> (placed: [Placed], dropped: [Int]) {
        var placed: [Placed] = []
        var dropped: [Int] = []
        for i in order {
            let free = candidates(for: labels[i]).filter { isFree($0.box, among: placed) }
            // Near positions before leader lines; within each, inside the area first.
            let rank = { (p: Placed) in (p.leader ? 2 : 0) + (contains(labels[i].rings, p.box) ? 0 : 1) }
            guard var choice = free.enumerated().min(by: { (rank($0.1), $0.0) < (rank($1.1), $1.0) })?.1 else {
                dropped.append(i)
                continue
            }
            choice.index = i
            placed.append(choice)
        }
        return (placed, dropped)
    }

    package func isFree(_ box: BoundingBox, among placed: [Placed]) -> Bool {
        frame.contains(box) && !obstacles.contains { $0.intersects(box) } && !placed.contains { $0.box.intersects(box) }
    }

    /// The box of a name centred on `x` with baseline `y`.
    package func box(_ text: String, x: Double, y: Double) -> BoundingBox {
        let w = TextMetrics.width(text, size: size) / 2 + halo
        return BoundingBox(
            minX: x - w, minY: y - TextMetrics.ascent * size - halo,
            maxX: x + w, maxY: y + TextMetrics.descent * size + halo)
    }

    /// Positions around the anchor, nearest first: centred on it, then beside it in eight
    /// directions at growing distances (from 16 px away, with a leader line).
    package func candidates(for label: Label) -> [Placed] {
        let a = label.anchor
        let w = TextMetrics.width(label.text, size: size) / 2 + halo
        let up = TextMetrics.ascent * size + halo
        let down = TextMetrics.descent * size + halo
        let middle = a.y + (up - down) / 2
        var spots = [(x: a.x, y: middle, leader: false)]
        let directions: [(Double, Double)] = [(0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1)]
        for gap in [3.0, 9, 16, 26, 40, 58] {
            for (dx, dy) in directions {
                // The box's near edge is `gap` from the anchor along the direction.
                let y = dy < 0 ? a.y - gap - down : dy > 0 ? a.y + gap + up : middle
                spots.append((x: a.x + dx * (w + gap), y: y, leader: gap >= 16))
            }
        }
        return spots.map {
            Placed(index: 0, x: $0.x, y: $0.y, box: box(label.text, x: $0.x, y: $0.y), leader: $0.leader)
        }
    }

    /// Whether the box's centre lies inside the area (even-odd rule over all rings).
    package func contains(_ rings: [[Coordinate]], _ box: BoundingBox) -> Bool {
        let (px, py) = ((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2)
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in ring.indices {
                let (a, b) = (ring[i], ring[j])
                if (a.y > py) != (b.y > py), px < (b.x - a.x) * (py - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    /// The point of `box` nearest to `point`: where a leader line from the anchor ends.
    package static func nearest(on box: BoundingBox, to point: Coordinate) -> Coordinate {
        Coordinate(x: min(max(point.x, box.minX), box.maxX), y: min(max(point.y, box.minY), box.maxY))
    }
}
