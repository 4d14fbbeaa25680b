import CSpatiaLite
import GRDB

/// A prepared statement bound and stepped through the SQLite C API, for bulk loads where
/// GRDB's type-erased arguments cost more than the insert itself. Used only inside a
/// transaction that GRDB opened on the same connection.
final class FastStatement {
    /// GRDB's statement owns the SQLite statement: keeping it keeps the pointer valid.
    private let owner: Statement
    private let statement: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        owner = try db.makeStatement(sql: sql)
        statement = owner.sqliteStatement
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value {
            // `withCString` reads a native string in place (passing the String itself copies it
            // into a new array first); SQLite copies the text (transient).
            _ = value.withCString { sqlite3_bind_text(statement, index, $0, -1, Self.transient) }
        } else {
            sqlite3_bind_null(statement, index)
        }
    }

    func bind(_ index: Int32, _ value: Int?) {
        if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// Steps through every row; `body` reads the row's columns (``text(_:)``, ``double(_:)``, ``int(_:)``).
    func forEachRow(_ body: () throws -> Void) throws {
        defer { sqlite3_reset(statement) }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc) }
            try body()
        }
    }

    /// Column `i` of the current row as text (nil for NULL).
    func text(_ i: Int32) -> String? {
        sqlite3_column_text(statement, i).map { String(cString: $0) }
    }

    /// Column `i` of the current row as a number (nil for NULL).
    func double(_ i: Int32) -> Double? {
        sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_double(statement, i)
    }

    /// Column `i` of the current row as an integer (nil for NULL).
    func int(_ i: Int32) -> Int? {
        sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, i))
    }

    /// Runs the statement; returns every column of the first row as text, or nil when there is no row.
    func firstRow() throws -> [String?]? {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_DONE: return nil
        case SQLITE_ROW:
            return (0..<sqlite3_column_count(statement)).map { i in
                sqlite3_column_text(statement, i).map { String(cString: $0) }
            }
        default: throw error(rc)
        }
    }

    private func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: rc),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
    }

    /// Runs the statement; returns the first column of the first row as text, if any.
    @discardableResult
    func step() throws -> (row: Bool, first: String?, second: String?) {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_DONE: return (false, nil, nil)
        case SQLITE_ROW:
            func text(_ i: Int32) -> String? { sqlite3_column_text(statement, i).map { String(cString: $0) } }
            return (true, text(0), sqlite3_column_count(statement) > 1 ? text(1) : nil)
        default: throw error(rc)
        }
    }
}
