/// A store read and written table by table, for ``DatabaseCopy``: rows as ``CopyValue``s,
/// geometries as WKB, booleans as 0/1, whatever the backend.
public protocol TableCopyStore: Sendable {
    /// Where the store is (a path, or a URL without password), for messages.
    var copyLocation: String { get }

    /// The tables of the store that hold user data (not the backend's own metadata), each with
    /// its column names in table order.
    func copyTables() async throws -> [String: [String]]

    /// The number of rows of `table`.
    func copyRowCount(_ table: String) async throws -> Int

    /// Every row of each table, with the values of its columns in that order, all read from one
    /// snapshot of the database (others may write meanwhile).
    func copyRows(_ tables: [CopyRequest]) async throws -> [[[CopyValue]]]

    /// Inserts every batch in the given order, ids as they are, in ONE transaction: all of it
    /// is written, or nothing. Sequences of generated ids are advanced past the copied ones.
    /// Before the commit, the rows of each batch's table and columns are read back inside the
    /// transaction (as ``copyRows(_:)`` reads them) and handed to `check`: when it throws, the
    /// transaction is rolled back and the error is passed on.
    func copyInsert(_ batches: [CopyBatch], check: @Sendable ([[[CopyValue]]]) throws -> Void) async throws
}
