import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit

/// ``ProximityIndex`` gives the same answers as testing every point, only faster: the
/// distances bit for bit (they feed the 2SFCA compared with PySAL to 1e-9) and the nearest
/// service of a municipality that reaches none, ties going to the lowest index.
@Suite("Proximity index against brute force")
struct ProximityNearestTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func points(_ count: Int, seed: UInt64) -> [Coordinate] {
        var rng = Seeded(state: seed)
        var out = (0..<count).map { _ in
            Coordinate(lon: Double.random(in: 6...18, using: &rng), lat: Double.random(in: 36...47, using: &rng))
        }
        out += out.prefix(count / 10)  // exact duplicates: ties
        return out
    }

    @Test("the nearest point, however far, is the brute-force minimum (lowest index on ties)", arguments: [1, 2, 3])
    func nearest(seed: UInt64) {
        let points = Self.points(500, seed: seed)
        let index = ProximityIndex(points: points, radiusKilometres: 20)
        for origin in Self.points(200, seed: seed + 100) + points.prefix(20) {
            var best: (index: Int, distance: Double)?
            for (j, p) in points.enumerated() {
                let d = haversineKilometres(origin, p)
                if best == nil || d < best!.distance { best = (j, d) }
            }
            let found = index.nearest(to: origin)
            #expect(found?.index == best?.index && found?.distance == best?.distance)
        }
    }

    @Test("distances within the radius are the brute-force ones, bit for bit, in index order")
    func sameBits() {
        let points = Self.points(3000, seed: 7)
        let index = ProximityIndex(points: points, radiusKilometres: 50)
        for origin in Self.points(50, seed: 8) {
            let brute = points.indices.compactMap { j -> (Int, Double)? in
                let d = haversineKilometres(origin, points[j])
                return d <= 50 ? (j, d) : nil
            }
            let found = index.within(50, of: origin)
            #expect(found.map(\.index) == brute.map(\.0))
            #expect(found.map(\.distance) == brute.map(\.1))
        }
    }

    @Test("no points, no nearest")
    func empty() {
        #expect(ProximityIndex(points: [], radiusKilometres: 20).nearest(to: Coordinate(lon: 9, lat: 45)) == nil)
    }
}
