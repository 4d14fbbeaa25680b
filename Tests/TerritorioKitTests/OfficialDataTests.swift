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

/// Tests on the real ISTAT files in ../shared/data. They are skipped when it is absent, and
/// fail on CI (CI=true), where it must be present.
@Suite(
    "Official ISTAT data",
    .enabled(if: Fixture.sharedDataRuns, "needs ../shared/data (skipped: not found; CI=true makes this a failure)"))
struct OfficialDataTests {
    static let alessandria = "istat/municipalities-P006-alessandria.geojson"

    /// (code, interior point) of the consortium's members, from the shared CSV.
    func consortium() throws -> [(code: String, point: Coordinate)] {
        let table = try CSVStream.table(path: try Fixture.shared("consortium-novese.csv"))
        let code = try #require(table.column("istat_code"))
        let lat = try #require(table.column("lat"))
        let lon = try #require(table.column("lon"))
        return table.records.map { ($0[code], Coordinate(lon: Double($0[lon])!, lat: Double($0[lat])!)) }
    }

    @Test(
        "the province of Alessandria: 187 municipalities, the 29 consortium codes, Novi Ligure contains its interior point, a second import changes nothing"
    )
    func alessandria() throws {
        let path = try Fixture.shared(Self.alessandria)
        let store = try Fixture.store()
        let first = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(first.added.count == 187)
        let codes = Set(try store.read { try String.fetchAll($0, sql: "SELECT code FROM municipality") })
        let members = try consortium()
        #expect(members.count == 29)
        #expect(members.allSatisfy { codes.contains($0.code) })

        let novi = try #require(members.first { $0.code == "006114" })
        let contains = try store.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT ST_Contains(geom, MakePoint(?, ?, 4326)) FROM municipality WHERE code = '006114'",
                arguments: [novi.point.lon, novi.point.lat])
        }
        #expect(contains == true)
        #expect(
            try store.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM municipality WHERE NOT ST_Contains(geom, rep_point)")
            } == 0)
        #expect(
            try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM municipality WHERE NOT ST_IsValid(geom)") }
                == 0)

        let before = try store.read {
            try String.fetchAll(
                $0, sql: "SELECT code || updated_at || hex(AsBinary(geom)) FROM municipality ORDER BY code")
        }
        let second = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(second.unchanged.count == 187 && second.added.isEmpty && second.updated.isEmpty)
        #expect(
            try store.read {
                try String.fetchAll(
                    $0, sql: "SELECT code || updated_at || hex(AsBinary(geom)) FROM municipality ORDER BY code")
            } == before)
    }

    @Test("importing the province's ISTAT file over the demo keeps its 29 boundaries and adds the others")
    func provinceOverDemo() throws {
        let store = try Fixture.store()
        try EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        let path = try Fixture.shared(Self.alessandria)
        let report = try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        #expect(report.unchanged.count == 29 && report.updated.isEmpty && report.added.count == 158)
        #expect(report.stillApproximate.isEmpty)
        let members = try store.read {
            try Row.fetchOne($0, sql: "SELECT count(*), sum(population) FROM municipality WHERE in_consortium = 1")
        }
        #expect(members?[0] as Int? == 29, "membership survives the replacement")
        #expect((members?[1] as Int? ?? 0) > 70_000, "population survives the replacement")
    }

    @Test("the real population CSV: every code that matches no municipality is reported by code")
    func populationMismatches() throws {
        let boundaries = try Fixture.shared("istat/municipalities-italy.geojson")
        let populationPath = try Fixture.shared("istat/population-census2011.csv")
        let store = try Fixture.store()
        try store.importBoundaries(BoundaryFile.read(path: boundaries), source: boundaries)
        let report = try store.importPopulation(PopulationFile.read(path: populationPath), source: populationPath)

        // The oracle: the two files' code lists compared directly, without territorio.
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: boundaries))) as! [String: Any]
        let boundaryCodes = Set(
            (json["features"] as! [[String: Any]]).map {
                ($0["properties"] as! [String: Any])["com_istat_code"] as! String
            })
        let table = try CSVStream.table(path: populationPath)
        let populationCodes = Set(table.records.map { $0[table.column("istat_code")!] })
        #expect(boundaryCodes.count == 7899)

        let unmatched = populationCodes.subtracting(boundaryCodes)
        #expect(!unmatched.isEmpty, "the two lists differ (municipal mergers)")
        #expect(Set(report.unmatched.map(\.code)) == unmatched)
        #expect(Set(report.withoutPopulation.map(\.code)) == boundaryCodes.subtracting(populationCodes))
        #expect(report.updated == boundaryCodes.intersection(populationCodes).count)
    }

    @Test("ogrinfo reads the municipality layer as MultiPolygon in EPSG:4326 with the right feature count")
    func ogrinfo() throws {
        let path = try Fixture.shared(Self.alessandria)
        let directory = try Fixture.temporaryDirectory()
        let database = directory.appendingPathComponent("territorio.sqlite").path
        let store = try Store.open(at: database)
        try store.importBoundaries(BoundaryFile.read(path: path), source: path)
        try store.close()
        let result = try #require(
            try runTool("ogrinfo", ["-so", database, "municipality"]),
            "ogrinfo is not installed (gdal-bin): run scripts/bootstrap.sh")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Geometry (geom): Multi Polygon"))
        #expect(result.output.contains("Feature Count: 187"))
        #expect(result.output.contains(#"ID["EPSG",4326]"#))
        let layers = try #require(try runTool("ogrinfo", ["-ro", "-q", database]))
        #expect(layers.output.contains("municipality (Multi Polygon"))
    }
}
