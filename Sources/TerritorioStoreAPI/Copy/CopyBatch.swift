/// The rows of one table, as ``TableCopyStore/copyInsert(_:check:)`` writes them.
public struct CopyBatch: Sendable {
    public var table: String
    public var columns: [String]
    public var rows: [[CopyValue]]

    public init(table: String, columns: [String], rows: [[CopyValue]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}
