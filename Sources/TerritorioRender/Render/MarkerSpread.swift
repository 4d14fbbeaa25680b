import Foundation
import TerritorioCore

/// Keeps map markers from hiding one another: markers closer than a marker's diameter (several
/// services in one building, or in one town centre) are set out on a small ring around their
/// common position, which the map marks with a dot and spokes, so every service stays visible.
/// Rings that would touch other markers are merged with them, until no two markers overlap.
package enum MarkerSpread {
    /// A marker's position on the map, and the true position it stands for.
    package struct Placement {
        package var x: Double, y: Double
        package var trueX: Double, trueY: Double
        package var spread: Bool { x != trueX || y != trueY }
    }

    /// Places markers of radius `radius` (stroke included) given at `positions` (screen pixels).
    package static func spread(_ positions: [Coordinate], radius: Double) -> [Placement] {
        var groups = UnionFind(count: positions.count)
        link(positions, in: &groups, closerThan: 2 * radius + 1)
        var out = place(positions, groups: groups.groups(), radius: radius)
        for _ in 0..<positions.count {
            let placed = out.map { Coordinate(x: $0.x, y: $0.y) }
            guard link(placed, in: &groups, closerThan: 2 * radius + 1) else { break }
            out = place(positions, groups: groups.groups(), radius: radius)
        }
        return out
    }

    /// Each group of more than one marker on a ring around its mean position.
    package static func place(_ positions: [Coordinate], groups: [[Int]], radius: Double) -> [Placement] {
        var out = positions.map { Placement(x: $0.x, y: $0.y, trueX: $0.x, trueY: $0.y) }
        for group in groups where group.count > 1 {
            let cx = group.map { positions[$0].x }.reduce(0, +) / Double(group.count)
            let cy = group.map { positions[$0].y }.reduce(0, +) / Double(group.count)
            // Neighbours on the ring are a diameter and a gap apart (the chord of 1/n of the ring).
            let ring = max(2 * radius, (2 * radius + 2) / (2 * sin(Double.pi / Double(group.count))))
            for (n, i) in group.enumerated() {
                let angle = -Double.pi / 2 + 2 * Double.pi * Double(n) / Double(group.count)
                out[i] = Placement(x: cx + ring * cos(angle), y: cy + ring * sin(angle), trueX: cx, trueY: cy)
            }
        }
        return out
    }

    /// Joins the groups of positions closer than `distance`; whether any two groups were joined.
    @discardableResult
    package static func link(_ positions: [Coordinate], in groups: inout UnionFind, closerThan distance: Double) -> Bool
    {
        var joined = false
        for i in positions.indices {
            for j in positions.indices where j > i {
                let (dx, dy) = (positions[i].x - positions[j].x, positions[i].y - positions[j].y)
                if dx * dx + dy * dy < distance * distance, groups.join(i, j) { joined = true }
            }
        }
        return joined
    }

    /// Disjoint sets of indices.
    package struct UnionFind {
        package var parent: [Int]
        package init(count: Int) { parent = Array(0..<count) }
        package func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        /// Joins the sets of `i` and `j`; false when they were already one.
        package mutating func join(_ i: Int, _ j: Int) -> Bool {
            let (a, b) = (root(i), root(j))
            if a == b { return false }
            parent[max(a, b)] = min(a, b)
            return true
        }
        /// The sets, each in increasing order, ordered by their first index.
        package func groups() -> [[Int]] {
            Dictionary(grouping: parent.indices, by: root).values.sorted { $0[0] < $1[0] }
        }
    }
}
