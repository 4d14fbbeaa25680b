import CSpatiaLite
import GRDB

/// An INSERT run once per row of a bulk load (a submission, its need reports), through the
/// SQLite C API. Its texts are gathered into one buffer that the statement reads in place
/// (`SQLITE_STATIC`): no allocation and no copy per text, where a transient binding makes
/// SQLite allocate, copy and free every one of them. Every parameter must be bound again
/// before each ``run()``. Used only inside a transaction that GRDB opened on the connection.
final class InsertStatement {
    /// GRDB's statement owns the SQLite statement: keeping it keeps the pointer valid.
    private let owner: Statement
    private let statement: OpaquePointer
    /// The texts of the next run, each followed by a NUL. (Only this statement's own methods
    /// touch them, one at a time: no run-time exclusivity checks, a hot path.)
    @exclusivity(unchecked) private var texts: [UInt8] = []
    @exclusivity(unchecked) private var spans: [(index: Int32, start: Int, count: Int)] = []

    init(_ db: Database, sql: String) throws {
        owner = try db.makeStatement(sql: sql)
        statement = owner.sqliteStatement
        texts.reserveCapacity(1024)
    }

    /// Binds `value` as text (up to its first NUL, where a C string ends), or NULL.
    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        let start = texts.count
        if value.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            texts.append(contentsOf: value.utf8.prefix { $0 != 0 })  // a bridged string
        }
        spans.append((index, start, texts.count - start))
        texts.append(0)
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.firstIndex(of: 0) ?? bytes.count
        texts.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<count]))
    }

    func bind(_ index: Int32, _ value: Int?) {
        if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// Binds the texts and runs the statement once.
    func run() throws {
        defer {
            sqlite3_reset(statement)
            // No binding outlives the buffer it points into: a parameter not bound again is NULL.
            sqlite3_clear_bindings(statement)
            texts.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
        }
        let rc = texts.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return sqlite3_step(statement) }  // no text bound
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            for span in spans { sqlite3_bind_text(statement, span.index, chars + span.start, Int32(span.count), nil) }
            return sqlite3_step(statement)
        }
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }
}
