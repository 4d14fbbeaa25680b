import Foundation

/// A rejected survey row kept in quarantine: where it came from, the values of the form's
/// columns and why it was rejected. It stays until a corrected row replaces it (same
/// `_territorio_id` or instance id) or the group clears it.
public struct QuarantinedRow: Sendable, Codable {
    public var id: Int64
    public var batch: Int64
    public var file: String
    public var form: String?
    public var row: Int
    public var uuid: String?
    /// Column → value, only the form's columns.
    public var values: [String: String]
    public var reasons: [String]
    public var ingestedAt: String

    public init(
        id: Int64, batch: Int64, file: String, form: String?, row: Int, uuid: String?, values: [String: String],
        reasons: [String], ingestedAt: String
    ) {
        self.id = id
        self.batch = batch
        self.file = file
        self.form = form
        self.row = row
        self.uuid = uuid
        self.values = values
        self.reasons = reasons
        self.ingestedAt = ingestedAt
    }
}
