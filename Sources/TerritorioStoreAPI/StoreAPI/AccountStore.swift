import Foundation
import TerritorioCore

/// The web app's accounts, organisations and sign-in sessions as a store keeps them. Passwords
/// never reach a store (only bcrypt hashes), nor session tokens (only their SHA-256); every change
/// of an account is recorded in the audit log in its own transaction. See ``DirectoryStore`` for
/// the role of these protocols.
public protocol AccountStore: Sendable {
    /// Adds an account (and its organisation, when new), audited; refuses a name already used
    /// (``AccountError``).
    @discardableResult
    func addAccount(name: String, organisation: String, role: AccountRole, passwordHash: String, by actor: Int64?)
        async throws -> AccountRecord
    /// The enabled account named `name` and its password hash, or nil.
    func account(named name: String) async throws -> (account: AccountRecord, passwordHash: String)?
    /// Every account with its state, by name.
    func accountSummaries() async throws -> [AccountSummary]
    /// Disables or enables account `id`; its sessions end. Audited.
    func setAccountDisabled(_ id: Int64, _ disabled: Bool, by actor: AccountRecord) async throws
    /// Replaces account `id`'s password hash; its sessions end. Audited.
    func setPasswordHash(_ id: Int64, _ passwordHash: String, by actor: AccountRecord) async throws
    /// Gives account `id` another role and (existing) organisation; its sessions end. Audited.
    func setAccountRole(_ id: Int64, role: AccountRole, organisation: String, by actor: AccountRecord) async throws
    /// The organisations, by name, with their numbers of accounts and services.
    func organisationSummaries() async throws -> [OrganisationSummary]
    /// Adds an organisation; refuses a name already used. Audited.
    func addOrganisation(_ name: String, by actor: AccountRecord) async throws
    /// Stores a session under the hash of its cookie token (dropping expired ones). Audited.
    func createSession(tokenHash: String, account: AccountRecord, csrf: String, expiresAt: Date) async throws
    /// The session stored under `tokenHash`, unless it expired at `now` or its account is disabled.
    func session(tokenHash: String, now: Date) async throws -> SessionRecord?
    /// Ends the session stored under `tokenHash` (signing out). Audited.
    func deleteSession(tokenHash: String, account: AccountRecord) async throws
}
