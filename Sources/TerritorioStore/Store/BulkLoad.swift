import GRDB

/// A large ingest's way of writing: the survey tables' secondary indexes that the ingest
/// itself never reads (by municipality, by category) and SpatiaLite's per-row geometry
/// triggers on `submission` are set aside when the transaction starts and rebuilt once at its
/// end, in the same transaction, from their own SQL. The rows stored are the same; each
/// insert then touches the table, its key and the need reports only, and a national export
/// no longer inserts at random places in two more B-trees and runs two triggers per row.
///
/// The points the ingest writes satisfy the geometry constraint by construction
/// (`MakePoint(lon, lat, 4326)`, or NULL); the time of the last insert is recorded once.
struct BulkLoad {
    /// Indexes the ingest never reads; sorted and built at the end.
    static let deferredIndexes = ["submission_municipality", "need_report_category"]
    /// SpatiaLite's geometry check and insert-time triggers on `submission`.
    static let deferredTriggers = ["ggi_submission_geom", "tmi_submission_geom"]

    /// The SQL that recreates what was set aside, in order (indexes, then triggers).
    private let recreate: [String]

    /// Sets the indexes and triggers aside; the caller's transaction keeps this atomic.
    static func begin(_ db: Database) throws -> BulkLoad {
        var recreate: [String] = []
        for name in deferredIndexes + deferredTriggers {
            let found = "SELECT type, sql FROM sqlite_master WHERE name = ?"
            guard let row = try Row.fetchOne(db, sql: found, arguments: [name]),
                let type: String = row["type"], let sql: String = row["sql"]
            else { continue }
            try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \"\(name)\"")
            recreate.append(sql)
        }
        return BulkLoad(recreate: recreate)
    }

    /// Rebuilds the indexes and triggers, and records the time of the last insert as the
    /// insert trigger would have.
    func end(_ db: Database) throws {
        for sql in recreate { try db.execute(sql: sql) }
        guard recreate.contains(where: { $0.contains("tmi_submission_geom") }) else { return }
        try db.execute(
            sql: """
                UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE Lower(f_table_name) = 'submission' AND Lower(f_geometry_column) = 'geom'
                """)
    }

    /// Whether an ingest of `fileBytes` into a store holding `stored` submissions is large
    /// enough to pay for rebuilding the set-aside indexes: the file is over 4 MiB and likely
    /// to hold about as many rows as are stored (a row of an export is at least 64 bytes).
    static func pays(fileBytes: Int64, stored: Int) -> Bool {
        fileBytes >= minimumBytes && Int64(stored) * 64 <= fileBytes
    }

    /// The smallest file worth a bulk load (4 MiB, about 10,000 rows of a Kobo export).
    static let minimumBytes: Int64 = 4 << 20
}
