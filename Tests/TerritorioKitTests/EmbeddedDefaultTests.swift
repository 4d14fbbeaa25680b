import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Embedded default (demo)")
struct EmbeddedDefaultTests {
    @Test("the 29 official boundaries are valid, do not overlap and contain their interior points")
    func officialBoundaries() throws {
        let members = try EmbeddedDefault.members(geoData: Fixture.geoData)
        #expect(members.count == 29)
        let shapes = try EmbeddedDefault.boundaries(geoData: Fixture.geoData, members: members).boundaries
        let engine = GeometryEngine()
        let byCode = Dictionary(uniqueKeysWithValues: shapes.map { ($0.code, $0) })
        for member in members {
            let boundary = try #require(byCode[member.code])
            #expect(boundary.name == member.name)
            #expect(try engine.validity(of: boundary.shape) == .valid, "\(member.name)")
            #expect(try engine.prepare(boundary.shape).contains(member.interiorPoint), "\(member.name)")
        }
        for i in shapes.indices {
            let area = try engine.area(of: shapes[i].shape)
            for j in shapes.indices where j > i {
                let overlap = try engine.intersectionArea(shapes[i].shape, shapes[j].shape)
                #expect(overlap < area * 1e-6, "\(shapes[i].name) overlaps \(shapes[j].name)")
            }
        }
    }

    @Test(
        "the embedded boundaries are the shared ISTAT features, unchanged",
        .enabled(if: Fixture.sharedDataRuns, "needs ../shared/data (skipped: not found; CI=true makes this a failure)"))
    func boundariesMatchISTAT() throws {
        let istat = try BoundaryFile.read(path: Fixture.shared("istat/municipalities-P006-alessandria.geojson"))
        let official = Dictionary(uniqueKeysWithValues: istat.boundaries.map { ($0.code, $0) })
        let members = try EmbeddedDefault.members(geoData: Fixture.geoData)
        for boundary in try EmbeddedDefault.boundaries(geoData: Fixture.geoData, members: members).boundaries {
            #expect(boundary == official[boundary.code], "\(boundary.name) differs from the ISTAT file")
        }
    }

    @Test("the demo database holds 29 official members, checked by SpatiaLite itself")
    func demoDatabase() throws {
        let store = try Fixture.demoStore()
        let row = try store.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), sum(ST_IsValid(geom)), sum(ST_Contains(geom, rep_point)), sum(boundary_approximate),
                           sum(in_consortium), sum(population)
                    FROM municipality
                    """)
        }
        let expectedPopulation = try EmbeddedDefault.members(geoData: Fixture.geoData).reduce(0) { $0 + $1.population }
        #expect(row?[0] as Int? == 29)
        #expect(row?[1] as Int? == 29)
        #expect(row?[2] as Int? == 29)
        #expect(row?[3] as Int? == 0)
        #expect(row?[4] as Int? == 29)
        #expect(row?[5] as Int? == expectedPopulation)
        let overlaps = try store.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM municipality a JOIN municipality b ON a.code < b.code
                    WHERE ST_Overlaps(a.geom, b.geom) OR ST_Contains(a.geom, b.geom) OR ST_Within(a.geom, b.geom)
                    """)
        }
        #expect(overlaps == 0)
    }

    @Test("the GeoJSON export flags no boundary as approximate and carries the ISTAT attribution")
    func export() async throws {
        let store = try Fixture.demoStore()
        let text = try await MunicipalityExport.geoJSON(from: store, consortiumOnly: true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["attribution"] as? String == MunicipalityExport.attribution)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 29)
        #expect(
            features.allSatisfy { (($0["properties"] as? [String: Any])?["boundary_approximate"] as? Bool) == false })
    }
}
