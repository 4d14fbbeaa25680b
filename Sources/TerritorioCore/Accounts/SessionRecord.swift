import Foundation

/// A signed-in session: whose it is, its CSRF token and when it expires.
public struct SessionRecord: Sendable, Hashable {
    public var account: AccountRecord
    /// The token every form of this session must send back.
    public var csrf: String
    public var expiresAt: Date

    package init(account: AccountRecord, csrf: String, expiresAt: Date) {
        self.account = account
        self.csrf = csrf
        self.expiresAt = expiresAt
    }
}
