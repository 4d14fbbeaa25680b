/// One write recorded in the audit log: who, when, what, on which object. Never respondent data.
public struct AuditEntry: Sendable, Hashable {
    public var at: String
    /// The account's name, or nil for the command line.
    public var account: String?
    public var action: String
    public var object: String

    package init(at: String, account: String? = nil, action: String, object: String) {
        self.at = at
        self.account = account
        self.action = action
        self.object = object
    }
}
