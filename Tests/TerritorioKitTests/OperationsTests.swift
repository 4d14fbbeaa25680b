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

@Suite("Backup, restore and doctor")
struct OperationsTests {
    @Test("doctor finds the demo database healthy, check by check")
    func healthyDemo() throws {
        let store = try Fixture.demoStore()
        let report = try store.doctor()
        let byName = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0) })
        for name in [
            "integrity", "foreign keys", "orphan rows", "boundaries", "schema",
            "spatial index municipality.geom", "spatial index service.geom"
        ] {
            #expect(byName[name]?.status == .ok, "\(name): \(byName[name]?.detail ?? "missing")")
        }
        #expect(report.verdict != .problem)
    }

    @Test("doctor reports a spatial index that no longer matches its geometries, and orphan services")
    func damage() throws {
        let store = try Fixture.demoStore()
        // Damage the schema directly: what a crash of another tool or a hand edit could leave.
        try store.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT pkid FROM idx_municipality_geom LIMIT 3")
            for id in ids { try db.execute(sql: "DELETE FROM idx_municipality_geom WHERE pkid = ?", arguments: [id]) }
            try db.execute(
                sql:
                    "UPDATE service SET municipality_code = '099999' WHERE rowid IN (SELECT rowid FROM service LIMIT 2)"
            )
        }
        let report = try store.doctor()
        let byName = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0) })
        #expect(byName["spatial index municipality.geom"]?.status == .problem)
        #expect(byName["spatial index municipality.geom"]?.advice?.contains("doctor --repair") == true)
        #expect(byName["orphan rows"]?.status == .warning)
        #expect(byName["orphan rows"]?.detail.contains("2 services") == true)
        #expect(report.verdict == .problem)
        #expect(try store.repairSpatialIndexes() == ["municipality.geom"])
        let repaired = try store.doctor().checks.first { $0.name == "spatial index municipality.geom" }
        #expect(repaired?.status == .ok)
    }

    @Test("a backup restores to the same content, checked")
    func roundTrip() throws {
        let store = try Fixture.demoStore()
        let folder = try Fixture.temporaryDirectory()
        let backup = try store.backup(to: folder.appendingPathComponent("copy.sqlite").path)
        let applied = try store.appliedMigrations()
        #expect(backup.bytes > 0 && backup.migrations.sorted() == applied.sorted())
        let target = folder.appendingPathComponent("restored.sqlite").path
        _ = try Store.restore(from: backup.path, to: target, force: false)
        let restored = try Store.open(at: target)
        let (original, copy) = (try Fixture.snapshot(store), try Fixture.snapshot(restored))
        #expect(copy == original)
        let (services, restoredServices) = (try store.services(), try restored.services())
        #expect(restoredServices == services)
        #expect(try restored.doctor().verdict != .problem)
    }

    @Test("restore refuses to replace a database without force, and refuses what is not a territorio backup")
    func refusals() throws {
        let store = try Fixture.demoStore()
        let folder = try Fixture.temporaryDirectory()
        let backup = try store.backup(to: folder.appendingPathComponent("copy.sqlite").path).path
        #expect(throws: StoreError.self) { try Store.restore(from: backup, to: store.path, force: false) }
        let text = try Fixture.file("notes.sqlite", "not a database at all")
        let target = folder.appendingPathComponent("x.sqlite").path
        #expect(throws: InputError.self) { try Store.restore(from: text, to: target, force: false) }
        let plain = folder.appendingPathComponent("plain.sqlite").path
        try DatabaseQueue(path: plain).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: InputError.self) { try Store.restore(from: plain, to: target, force: false) }
        #expect(!FileManager.default.fileExists(atPath: target), "nothing was written")
        let forced = try Store.restore(from: backup, to: store.path, force: true)
        #expect(forced.bytes > 0)
    }
}
