/// An account as the admin pages list it: the record, whether it is disabled and since when it exists.
public struct AccountSummary: Sendable, Hashable {
    public var account: AccountRecord
    /// A disabled account cannot sign in and has no session.
    public var disabled: Bool
    /// ISO 8601, UTC.
    public var createdAt: String

    public init(account: AccountRecord, disabled: Bool, createdAt: String) {
        self.account = account
        self.disabled = disabled
        self.createdAt = createdAt
    }
}
