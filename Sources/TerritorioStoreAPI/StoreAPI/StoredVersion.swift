/// The stored version of a submission that an ingested row meets: what decides whether the row
/// is a duplicate, a newer or older version, or another questionnaire with the same number.
public struct StoredVersion: Sendable, Equatable {
    public var hash: String
    public var instanceID: String?
    public var deprecatedID: String?
    public var edits: Int?
    public var time: String?
    /// The file and row it came from.
    public var file: String
    public var row: Int
    public var batch: Int64

    public init(
        hash: String, instanceID: String?, deprecatedID: String?, edits: Int?, time: String?, file: String,
        row: Int, batch: Int64
    ) {
        self.hash = hash
        self.instanceID = instanceID
        self.deprecatedID = deprecatedID
        self.edits = edits
        self.time = time
        self.file = file
        self.row = row
        self.batch = batch
    }
}
