import CSpatiaLite
import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// What the accessibility index alone reads, in one read transaction: the consortium's
    /// municipalities and the services of the categories `only` (codes; all when nil), by id
    /// (as ``gapInputs(costs:)`` reads them).
    /// Columns are read by position through the SQLite C API, and points straight from
    /// SpatiaLite's point blobs (what `X()` and `Y()` would return, without a call per row).
    public func accessInputs(only: [String]? = nil) throws -> AccessInputs {
        try read { db in
            var demand = AccessInputs.Demand()
            try Self.eachRow(
                db,
                sql: """
                    SELECT code, name, ifnull(population, 0), rep_point, \(Self.pointFallback("rep_point"))
                    FROM municipality WHERE in_consortium = 1 ORDER BY code
                    """
            ) { row in
                demand.append(
                    code: row.text(0), name: row.text(1), population: Int(sqlite3_column_int64(row.statement, 2)),
                    point: row.point(3))
            }
            return AccessInputs(
                categories: try Self.fetchCategories(db), demand: demand, supply: try Self.accessSupply(db, only: only))
        }
    }

    /// The services of the categories `only` (all when nil), by category and then by id: the
    /// services in table order, then their categories in key order (by service id), joined here
    /// (two scans instead of two index look-ups per service).
    private static func accessSupply(_ db: Database, only: [String]?) throws -> [String: AccessInputs.Supply] {
        var position: [String: Int] = [:]
        var points: [Coordinate] = []
        var capacities: [Double?] = []
        try eachRow(db, sql: "SELECT id, capacity, geom, \(pointFallback("geom")) FROM service") { row in
            position[row.text(0)] = points.count
            capacities.append(row.double(1))
            points.append(row.point(2))
        }
        let wanted = only.map(Set.init)
        var supply: [String: AccessInputs.Supply] = [:]
        try eachRow(
            db, sql: "SELECT service_id, category_code FROM service_category ORDER BY service_id, category_code"
        ) { row in
            let code = row.text(1)
            guard wanted?.contains(code) ?? true else { return }
            let id = row.text(0)
            guard let n = position[id] else { return }
            supply[code, default: AccessInputs.Supply()].append(id: id, point: points[n], capacity: capacities[n])
        }
        return supply
    }

    /// `X()` and `Y()` of `column`, computed by SpatiaLite only when it is not a 60-byte point
    /// blob (which ``AccessRow/point(_:)`` decodes itself).
    private static func pointFallback(_ column: String) -> String {
        "CASE WHEN length(\(column)) = 60 THEN NULL ELSE X(\(column)) END, "
            + "CASE WHEN length(\(column)) = 60 THEN NULL ELSE Y(\(column)) END"
    }

    /// Steps through the rows of `sql`, handing each to `body`.
    private static func eachRow(_ db: Database, sql: String, _ body: (AccessRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try withExtendedLifetime(statement) {
            let row = AccessRow(statement: statement.sqliteStatement)
            defer { sqlite3_reset(row.statement) }
            while true {
                let rc = sqlite3_step(row.statement)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else {
                    let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(row.statement)))
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message)
                }
                try body(row)
            }
        }
    }

    /// The current row of a statement, read by column position.
    private struct AccessRow {
        let statement: OpaquePointer

        func text(_ i: Int32) -> String { sqlite3_column_text(statement, i).map { String(cString: $0) } ?? "" }

        func double(_ i: Int32) -> Double? {
            sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_double(statement, i)
        }

        /// The point in column `i`: decoded from SpatiaLite's blob (start 0x00, byte order, SRID,
        /// MBR, 0x7C, class 1 = POINT, X, Y, 0xFE), else columns `i + 1` and `i + 2` (`X()`,
        /// `Y()`), else (0, 0) as the full directory read has it.
        func point(_ i: Int32) -> Coordinate {
            if sqlite3_column_bytes(statement, i) == 60, let blob = sqlite3_column_blob(statement, i) {
                let bytes = UnsafeRawBufferPointer(start: blob, count: 60)
                let little = bytes[1] == 1
                func word(_ offset: Int) -> UInt32 {
                    let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                    return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
                }
                func number(_ offset: Int) -> Double {
                    let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    return Double(bitPattern: little ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
                }
                if bytes[0] == 0, bytes[1] <= 1, bytes[38] == 0x7C, word(39) == 1, bytes[59] == 0xFE {
                    return Coordinate(lon: number(43), lat: number(51))
                }
            }
            return Coordinate(lon: double(i + 1) ?? 0, lat: double(i + 2) ?? 0)
        }
    }
}
