/// A table and the columns to read from it.
public struct CopyRequest: Sendable {
    public var table: String
    public var columns: [String]

    public init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }
}
