import Foundation
import GRDB
import TerritorioCore
import TerritorioIO

extension Store {
    /// Inserts or updates (by ISTAT code) every boundary of `file`, in one transaction.
    /// A boundary identical to the stored one (same name, province and geometry) is left alone.
    /// - Parameter approximate: marks the boundaries as approximate (the demo's Voronoi cells).
    @discardableResult
    public func importBoundaries(_ file: BoundaryFile, source: String, approximate: Bool = false) throws
        -> BoundaryImportReport
    {
        try write { db in
            var stored: [String: (name: String, province: String?, approximate: Bool, wkb: Data?)] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT code, name, province, boundary_approximate, AsBinary(geom) FROM municipality")
            while let row = try rows.next() {
                stored[row[0]] = (row[1], row[2], row[3], row[4])
            }
            let upsert = try db.makeStatement(
                sql: """
                    INSERT INTO municipality (code, name, province, boundary_approximate, boundary_source, boundary_repair,
                                              geom, rep_point, area_km2)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, GeomFromWKB(?7, 4326), MakePoint(?8, ?9, 4326), ST_Area(GeomFromWKB(?7, 4326), 1) / 1e6)
                    ON CONFLICT (code) DO UPDATE SET
                        name = excluded.name, province = excluded.province,
                        boundary_approximate = excluded.boundary_approximate, boundary_source = excluded.boundary_source,
                        boundary_repair = excluded.boundary_repair, geom = excluded.geom, rep_point = excluded.rep_point,
                        area_km2 = excluded.area_km2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                    """)
            var report = BoundaryImportReport()
            for b in file.boundaries {
                let wkb = WKB.encode(b.shape)
                if let repair = b.repair { report.repaired.append((b.code, b.name, repair)) }
                if let old = stored[b.code] {
                    if old.name == b.name, old.province == b.province, old.approximate == approximate, old.wkb == wkb {
                        report.unchanged.append(b.code)
                        continue
                    }
                    report.updated.append(b.code)
                } else {
                    report.added.append(b.code)
                }
                try upsert.execute(arguments: [
                    b.code, b.name, b.province, approximate, source, b.repair,
                    wkb, b.representativePoint.x, b.representativePoint.y
                ])
            }
            report.stillApproximate = try String.fetchAll(
                db, sql: "SELECT code FROM municipality WHERE boundary_approximate = 1 ORDER BY code")
            try ImportLog.record(
                db, kind: approximate ? "approximate boundaries" : "boundaries", source: source,
                added: report.added.count, updated: report.updated.count, unchanged: report.unchanged.count,
                note: report.repaired.isEmpty ? nil : "\(report.repaired.count) geometries repaired")
            return report
        }
    }
}

/// One line per import in the `import_log` table: what came from which file, when.
enum ImportLog {
    static func record(
        _ db: Database, kind: String, source: String, added: Int, updated: Int, unchanged: Int, note: String?
    ) throws {
        try db.execute(
            sql: "INSERT INTO import_log (kind, source, added, updated, unchanged, note) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [kind, source, added, updated, unchanged, note])
    }
}
