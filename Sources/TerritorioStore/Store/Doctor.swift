import Foundation
import GRDB
import TerritorioCore
import TerritorioStoreAPI

extension Store {
    /// Checks the database's health without changing it: SQLite integrity and foreign keys,
    /// SpatiaLite's spatial indexes (`CheckSpatialIndex`), the validity of the boundaries, rows
    /// that point at missing municipalities, the schema's migrations, and the free disk space.
    /// Safe while other processes use the database: it runs on the writer connection, because
    /// SpatiaLite's `CheckSpatialIndex` needs one, but outside any transaction and changes nothing.
    public func doctor() throws -> HealthReport {
        let known = Schema.migrator.migrations
        var checks = try queue.writeWithoutTransaction { db in
            [try Self.integrity(db), try Self.foreignKeys(db), try Self.orphans(db)]
                + (try Self.spatialIndexes(db)) + [try Self.geometries(db), try Self.migrations(db, known: known)]
        }
        checks.append(diskSpace())
        return HealthReport(database: path, checks: checks)
    }

    typealias Check = HealthReport.Check

    static func integrity(_ db: Database) throws -> Check {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard lines == ["ok"] else {
            return Check(
                name: "integrity", status: .problem, detail: lines.prefix(5).joined(separator: "; "),
                advice: Messages.text("msg3.doctor.integrity_advice"))
        }
        return Check(name: "integrity", status: .ok, detail: Messages.text("msg3.doctor.integrity_ok"), advice: nil)
    }

    static func foreignKeys(_ db: Database) throws -> Check {
        let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        guard rows.isEmpty else {
            let tables = Set(rows.map { $0[0] as String }).sorted().joined(separator: ", ")
            return Check(
                name: "foreign keys", status: .problem,
                detail: Messages.text("msg3.doctor.foreign_keys", ("count", rows.count), ("tables", tables)),
                advice: Messages.text("msg3.doctor.foreign_keys_advice"))
        }
        return Check(
            name: "foreign keys", status: .ok, detail: Messages.text("msg3.doctor.foreign_keys_ok"), advice: nil)
    }

    /// Rows whose municipality code names no municipality (no foreign key guards them, because
    /// boundaries can be re-imported after services and surveys).
    static func orphans(_ db: Database) throws -> Check {
        let submissions =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM submission WHERE municipality_code NOT IN (SELECT code FROM municipality)
                    """) ?? 0
        let services =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM service
                    WHERE municipality_code IS NOT NULL AND municipality_code NOT IN (SELECT code FROM municipality)
                    """) ?? 0
        guard submissions + services == 0 else {
            return Check(
                name: "orphan rows", status: .warning,
                detail: Messages.text("pgcmds.doctor.orphans", ("submissions", submissions), ("services", services)),
                advice: Messages.text("pgcmds.doctor.orphans_advice"))
        }
        return Check(
            name: "orphan rows", status: .ok, detail: Messages.text("pgcmds.doctor.orphans_ok"), advice: nil)
    }

    /// `CheckSpatialIndex` on every indexed geometry column: 1 consistent, 0 not, NULL error.
    static func spatialIndexes(_ db: Database) throws -> [Check] {
        let columns = try Row.fetchAll(
            db,
            sql: """
                SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE spatial_index_enabled = 1
                ORDER BY f_table_name, f_geometry_column
                """)
        return try columns.map { row in
            let table: String = row[0]
            let column: String = row[1]
            let result = try Int.fetchOne(db, sql: "SELECT CheckSpatialIndex(?, ?)", arguments: [table, column])
            guard result == 1 else {
                return Check(
                    name: "spatial index \(table).\(column)", status: .problem,
                    detail: Messages.text(result == 0 ? "msg3.doctor.index_mismatch" : "msg3.doctor.index_unchecked"),
                    advice: Messages.text("msg3.doctor.index_repair_advice"))
            }
            return Check(
                name: "spatial index \(table).\(column)", status: .ok,
                detail: Messages.text("msg3.doctor.index_consistent"), advice: nil)
        }
    }

    static func geometries(_ db: Database) throws -> Check {
        let invalid = try String.fetchAll(
            db,
            sql: """
                SELECT code || ' ' || name FROM municipality WHERE geom IS NOT NULL AND ST_IsValid(geom) <> 1 ORDER BY code
                """)
        guard invalid.isEmpty else {
            return Check(
                name: "boundaries", status: .warning,
                detail: Messages.text(
                    "msg3.doctor.boundaries_invalid", ("count", invalid.count),
                    ("list", invalid.prefix(5).joined(separator: ", "))),
                advice: Messages.text("pgcmds.doctor.geometries_advice"))
        }
        return Check(name: "boundaries", status: .ok, detail: Messages.text("msg3.doctor.boundaries_ok"), advice: nil)
    }

    static func migrations(_ db: Database, known: [String]) throws -> Check {
        Check.schema(applied: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), known: known)
    }

    /// Rebuilds every spatial index that no longer matches its geometries (SpatiaLite's
    /// `RecoverSpatialIndex`), in one transaction; returns the `table.column` names rebuilt.
    public func repairSpatialIndexes() throws -> [String] {
        try write { db in
            let columns = try Row.fetchAll(
                db,
                sql: """
                    SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE spatial_index_enabled = 1
                    """)
            var repaired: [String] = []
            for row in columns {
                let table: String = row[0]
                let column: String = row[1]
                guard try Int.fetchOne(db, sql: "SELECT CheckSpatialIndex(?, ?)", arguments: [table, column]) != 1
                else {
                    continue
                }
                let ok = try Int.fetchOne(db, sql: "SELECT RecoverSpatialIndex(?, ?)", arguments: [table, column])
                guard ok == 1 else {
                    throw StoreError.spatialMetadata("RecoverSpatialIndex(\(table).\(column)) failed")
                }
                repaired.append("\(table).\(column)")
            }
            return repaired
        }
    }

    /// A large write needs about the database's size again free for its WAL.
    func diskSpace() -> Check {
        let folder = (path as NSString).deletingLastPathComponent
        let free =
            ((try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder))?[.systemFreeSize]
            as? NSNumber)?.int64Value ?? 0
        let size = Int64(Self.size(of: path) + Self.size(of: path + "-wal"))
        let detail = Messages.text(
            "msg3.doctor.disk", ("free", Int(free / 1_048_576)), ("size", Int(size / 1_048_576)))
        guard free >= 2 * size + 50 * 1_048_576 else {
            return Check(
                name: "disk space", status: .warning, detail: detail,
                advice: Messages.text("msg3.doctor.disk_advice"))
        }
        return Check(name: "disk space", status: .ok, detail: detail, advice: nil)
    }
}
