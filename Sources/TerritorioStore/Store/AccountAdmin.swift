import Foundation
import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension Store {
    /// Every account with its state, by name.
    public func accountSummaries() throws -> [AccountSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: Self.accountQuery.replacingOccurrences(
                    of: "a.password_hash", with: "a.password_hash, a.disabled, a.created_at") + " ORDER BY a.name"
            )
            .compactMap { row in
                Self.account(row).map {
                    AccountSummary(account: $0, disabled: row["disabled"], createdAt: row["created_at"])
                }
            }
        }
    }

    /// Disables or enables account `id`; a disabled account's sessions end at once. Audited.
    public func setAccountDisabled(_ id: Int64, _ disabled: Bool, by actor: AccountRecord) throws {
        try changeAccount(id, by: actor, action: disabled ? "account.disable" : "account.enable") { db in
            try db.execute(sql: "UPDATE account SET disabled = ? WHERE id = ?", arguments: [disabled, id])
        }
    }

    /// Replaces account `id`'s password hash (bcrypt: the store never sees a password); its
    /// sessions end. Audited.
    public func setPasswordHash(_ id: Int64, _ passwordHash: String, by actor: AccountRecord) throws {
        try changeAccount(id, by: actor, action: "account.password-reset") { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
        }
    }

    /// Gives account `id` another role and organisation (an existing one); its sessions end. Audited.
    public func setAccountRole(_ id: Int64, role: AccountRole, organisation: String, by actor: AccountRecord) throws {
        try changeAccount(id, by: actor, action: "account.change", detail: "\(role.rawValue), \(organisation)") { db in
            guard
                let org = try Int64.fetchOne(
                    db, sql: "SELECT id FROM organisation WHERE name = ?", arguments: [organisation])
            else { throw AccountError.emptyName }
            try db.execute(
                sql: "UPDATE account SET role = ?, organisation_id = ? WHERE id = ?",
                arguments: [role.rawValue, org, id])
        }
    }

    /// Runs `update` on account `id`, ends its sessions and audits `action`, in one transaction.
    package func changeAccount(
        _ id: Int64, by actor: AccountRecord, action: String, detail: String? = nil,
        _ update: (Database) throws -> Void
    ) throws {
        try write { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [id])
            else { throw AccountError.emptyName }
            try update(db)
            try db.execute(sql: "DELETE FROM web_session WHERE account_id = ?", arguments: [id])
            try Self.audit(db, account: actor.id, action: action, object: name + (detail.map { " (\($0))" } ?? ""))
        }
    }

    /// The organisations, by name, with their numbers of accounts and services.
    public func organisationSummaries() throws -> [OrganisationSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.name,
                           (SELECT count(*) FROM account a WHERE a.organisation_id = o.id),
                           (SELECT count(*) FROM service s WHERE s.organization = o.name)
                    FROM organisation o ORDER BY o.name
                    """
            ).map { OrganisationSummary(name: $0[0], accounts: $0[1], services: $0[2]) }
        }
    }

    /// Adds an organisation; audited.
    public func addOrganisation(_ name: String, by actor: AccountRecord) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw AccountError.emptyName }
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM organisation WHERE name = ?", arguments: [name]) == nil
            else {
                throw AccountError.duplicateOrganisation(name: name)
            }
            try db.execute(sql: "INSERT INTO organisation (name) VALUES (?)", arguments: [name])
            try Self.audit(db, account: actor.id, action: "organisation.add", object: name)
        }
    }
}
