import CSpatiaLite
import GRDB

/// Initialises SpatiaLite on each SQLite connection GRDB opens.
///
/// libspatialite is linked (not loaded as an extension) and shares the system libsqlite3 with
/// GRDB. Each connection gets its own SpatiaLite cache, released when the connection closes:
/// the cache is the user data of a private SQL function whose destructor frees it.
enum SpatiaLiteConnection {
    /// Milliseconds a writer waits for a lock held by another process (e.g. QGIS reading).
    static let busyTimeoutMilliseconds: Int32 = 10_000

    private static let processInit: Void = { spatialite_initialize() }()

    static func prepare(_ db: Database) throws {
        _ = processInit
        guard let connection = db.sqliteConnection else { return }
        guard let cache = spatialite_alloc_connection() else {
            throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "cannot allocate the SpatiaLite connection cache")
        }
        spatialite_init_ex(connection, cache, 0)
        let rc = sqlite3_create_function_v2(
            connection, "territorio_spatialite_cache", 0, SQLITE_UTF8, cache,
            { context, _, _ in sqlite3_result_null(context) }, nil, nil,
            { cache in spatialite_cleanup_ex(cache) })
        guard rc == SQLITE_OK else {
            spatialite_cleanup_ex(cache)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register the SpatiaLite cache")
        }
        // Deleted rows (a cleared quarantine, a replaced submission) are overwritten, not left
        // readable in free pages of a file people pass around.
        try db.execute(sql: "PRAGMA secure_delete = ON")
        // SpatiaLite's init sets its own 5 s busy timeout: set ours again.
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
    }
}
