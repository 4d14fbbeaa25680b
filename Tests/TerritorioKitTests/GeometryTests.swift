import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Geometry over GEOS")
struct GeometryTests {
    let square = MultiPolygon(
        Polygon(rings: [
            [.init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 10), .init(x: 0, y: 10), .init(x: 0, y: 0)]
        ]))
    // A bow-tie: the ring crosses itself at (5, 5).
    let bowTie = MultiPolygon(
        Polygon(rings: [
            [.init(x: 0, y: 0), .init(x: 10, y: 10), .init(x: 10, y: 0), .init(x: 0, y: 10), .init(x: 0, y: 0)]
        ]))

    @Test("WKB written by territorio is read back identically, also through GEOS")
    func wkbRoundTrip() throws {
        let withHole = MultiPolygon(polygons: [
            Polygon(rings: [
                [.init(x: 8.1, y: 44.1), .init(x: 8.9, y: 44.1), .init(x: 8.9, y: 44.9), .init(x: 8.1, y: 44.1)]
            ]),
            square.polygons[0]
        ])
        let data = WKB.encode(withHole)
        #expect(try WKB.decodeMultiPolygon(data) == withHole)
        let engine = GeometryEngine()
        #expect(try engine.geos(withHole).wkb() == data)
        #expect(try WKB.decodePoint(WKB.encode(Coordinate(lon: 8.79, lat: 44.76))) == Coordinate(lon: 8.79, lat: 44.76))
    }

    @Test("truncated WKB is an error, not a crash")
    func truncatedWKB() {
        let data = WKB.encode(square).dropLast(5)
        #expect(throws: GeometryError.self) { try WKB.decodeMultiPolygon(Data(data)) }
    }

    @Test(
        "a self-intersecting ring is reported invalid with GEOS's reason, and repaired into a valid shape of the same area"
    )
    func repairBowTie() throws {
        let engine = GeometryEngine()
        guard case .invalid(let reason) = try engine.validity(of: bowTie) else {
            Issue.record("the bow-tie should be invalid")
            return
        }
        #expect(reason.contains("Self-intersection"))
        let fixed = try engine.repaired(bowTie)
        #expect(try engine.validity(of: fixed) == .valid)
        #expect(fixed.polygons.count == 2)
        #expect(abs(try engine.area(of: fixed) - 50) < 1e-9)
        #expect(try engine.validity(of: square) == .valid)
    }

    @Test("the representative point lies inside, also for a C-shaped polygon whose centroid does not")
    func representativePoint() throws {
        let c = MultiPolygon(
            Polygon(rings: [
                [
                    .init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 2), .init(x: 2, y: 2),
                    .init(x: 2, y: 8), .init(x: 10, y: 8), .init(x: 10, y: 10), .init(x: 0, y: 10), .init(x: 0, y: 0)
                ]
            ]))
        let engine = GeometryEngine()
        let p = try engine.representativePoint(of: c)
        #expect(try engine.prepare(c).contains(p))
        #expect(try !engine.prepare(c).contains(Coordinate(x: 6, y: 5)))  // the centroid side
    }

    @Test("prepared polygons tell inside, boundary and outside apart")
    func preparedPointInPolygon() throws {
        let prepared = try GeometryEngine().prepare(square)
        #expect(try prepared.contains(Coordinate(x: 5, y: 5)))
        #expect(try !prepared.contains(Coordinate(x: 10, y: 5)))
        #expect(try prepared.covers(Coordinate(x: 10, y: 5)))
        #expect(try !prepared.covers(Coordinate(x: 10.001, y: 5)))
    }
}
