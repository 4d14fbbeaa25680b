/// A table that ``DatabaseCopy`` moves, with the columns that identify a row (for a canonical
/// order). The columns themselves come from the stores: every column of the source is copied,
/// and the copy refuses when the target has no room for a non-empty one.
public struct CopyTable: Sendable, Hashable {
    public var name: String
    public var key: [String]

    public init(_ name: String, key: [String] = ["id"]) {
        self.name = name
        self.key = key
    }

    /// Every table of the schema that holds user data, parents before children (foreign keys).
    /// A new table is added here; a table of the source that is in neither list stops the copy.
    public static let all: [CopyTable] = [
        CopyTable("organisation"), CopyTable("account"),
        CopyTable("municipality", key: ["code"]), CopyTable("import_log"),
        CopyTable("category", key: ["code"]), CopyTable("service"),
        CopyTable("service_category", key: ["service_id", "category_code"]),
        CopyTable("survey_round", key: ["name"]), CopyTable("batch"),
        CopyTable("submission", key: ["uuid"]),
        CopyTable("need_report", key: ["submission_uuid", "category_code"]),
        CopyTable("submission_archive"), CopyTable("quarantine"),
        CopyTable("service_history"), CopyTable("service_verification"),
        CopyTable("session"), CopyTable("self_report"), CopyTable("audit_log")
    ]

    /// Tables deliberately not copied: the web app's sign-ins (people sign in again on the new
    /// database; a session token is bound to the server that issued it).
    public static let notCopied: Set<String> = ["web_session"]
}
