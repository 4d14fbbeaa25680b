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

@Suite("SpatiaLite store")
struct StoreTests {
    @Test("opening a database twice applies the migrations once")
    func openTwice() throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("t.sqlite").path
        let first = try Store.open(at: path)
        #expect(!first.migrationsApplied.isEmpty)
        try first.close()
        let second = try Store.open(at: path)
        #expect(second.migrationsApplied.isEmpty)
        #expect(try second.appliedMigrations() == Schema.migrator.migrations)
    }

    @Test("geometry columns are registered with their type and EPSG:4326, with a spatial index on the boundary")
    func geometryColumns() throws {
        let store = try Fixture.store()
        let rows = try store.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT f_geometry_column, geometry_type, srid, spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'municipality' ORDER BY 1"
            )
        }
        #expect(rows.count == 2)
        #expect(
            rows[0][0] as String == "geom" && rows[0][1] as Int == 6 && rows[0][2] as Int == 4326
                && rows[0][3] as Int == 1)
        #expect(rows[1][0] as String == "rep_point" && rows[1][1] as Int == 1 && rows[1][2] as Int == 4326)
    }

    @Test("connections use WAL and keep territorio's busy timeout after SpatiaLite's initialisation")
    func connectionSettings() throws {
        let store = try Fixture.store()
        let (mode, timeout, version) = try store.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"),
                try String.fetchOne(db, sql: "SELECT spatialite_version()")
            )
        }
        #expect(mode == "wal")
        #expect(timeout == Int(SpatiaLiteConnection.busyTimeoutMilliseconds))
        #expect(version?.hasPrefix("5.") == true)
    }

    @Test("a MULTIPOLYGON column refuses a POLYGON: the type constraint is live")
    func typeConstraint() throws {
        let store = try Fixture.store()
        #expect(throws: DatabaseError.self) {
            try store.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO municipality (code, name, geom) VALUES ('000001', 'x', GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 4326))"
                )
            }
        }
    }

    @Test("a database in a missing folder gets a message naming the folder")
    func missingFolder() {
        #expect {
            try Store.open(at: "/nonexistent-territorio-folder/t.sqlite")
        } throws: { "\($0)".contains("/nonexistent-territorio-folder") }
    }
}
