import CSpatiaLite
import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// What the accessibility index alone reads, in one read transaction: the consortium's
    /// municipalities and the services of the categories `only` (codes; all when nil), by id.
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
            var supply: [String: AccessInputs.Supply] = [:]
            let chosen = only.map { "AND c.category_code IN (SELECT value FROM json_each('\(Self.jsonList($0))'))" }
            try Self.eachRow(
                db,
                sql: """
                    SELECT c.category_code, s.id, s.capacity, s.geom, \(Self.pointFallback("s.geom"))
                    FROM service s JOIN service_category c ON c.service_id = s.id
                    WHERE 1 \(chosen ?? "") ORDER BY s.id
                    """
            ) { row in
                supply[row.text(0), default: AccessInputs.Supply()].append(
                    id: row.text(1), point: row.point(3), capacity: row.double(2))
            }
            return AccessInputs(categories: try Self.fetchCategories(db), demand: demand, supply: supply)
        }
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
