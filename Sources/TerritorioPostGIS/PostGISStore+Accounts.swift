import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The web app's accounts, organisations and sessions on PostGIS, with the SpatiaLite store's
/// rules: unique names (the database's constraints), every change audited in its transaction,
/// a changed account's sessions ended.
extension PostGISStore: AccountStore {
    @discardableResult
    public func addAccount(
        name: String, organisation: String, role: AccountRole, passwordHash: String, by actor: Int64? = nil
    ) async throws -> AccountRecord {
        let name = name.trimmingCharacters(in: .whitespaces)
        let organisation = organisation.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !organisation.isEmpty else { throw AccountError.emptyName }
        return try await write { db in
            try await db.run("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE")
            guard try await db.rows("SELECT 1 FROM account WHERE name = \(name)").isEmpty else {
                throw AccountError.duplicate(name: name)
            }
            try await db.run("INSERT INTO organisation (name) VALUES (\(organisation)) ON CONFLICT (name) DO NOTHING")
            let id = try await db.rows(
                """
                INSERT INTO account (name, organisation_id, role, password_hash)
                VALUES (\(name), (SELECT id FROM organisation WHERE name = \(organisation)), \(role.rawValue),
                        \(passwordHash))
                RETURNING id
                """)[0][0].decode(Int64.self)
            try await db.audit(actor, "account.add", "\(name) (\(role.rawValue), \(organisation))")
            return AccountRecord(id: id, name: name, organisation: organisation, role: role)
        }
    }

    public func account(named name: String) async throws -> (account: AccountRecord, passwordHash: String)? {
        try await read { db in
            try await db.rows(
                """
                SELECT a.id, a.name, o.name, a.role, a.password_hash
                FROM account a JOIN organisation o ON o.id = a.organisation_id
                WHERE a.name = \(name) AND NOT a.disabled
                """
            ).first.flatMap { row in try Self.account(row).map { ($0, try row[4].decode(String.self)) } }
        }
    }

    public func accountSummaries() async throws -> [AccountSummary] {
        try await read { db in
            try await db.rows(
                """
                SELECT a.id, a.name, o.name, a.role, a.disabled, a.created_at
                FROM account a JOIN organisation o ON o.id = a.organisation_id ORDER BY a.name COLLATE "C"
                """
            ).compactMap { row in
                try Self.account(row).map {
                    AccountSummary(
                        account: $0, disabled: try row[4].decode(Bool.self), createdAt: try row[5].decode(String.self))
                }
            }
        }
    }

    public func setAccountDisabled(_ id: Int64, _ disabled: Bool, by actor: AccountRecord) async throws {
        try await changeAccount(id, by: actor, action: disabled ? "account.disable" : "account.enable") { db in
            try await db.run("UPDATE account SET disabled = \(disabled) WHERE id = \(id)")
        }
    }

    public func setPasswordHash(_ id: Int64, _ passwordHash: String, by actor: AccountRecord) async throws {
        try await changeAccount(id, by: actor, action: "account.password-reset") { db in
            try await db.run("UPDATE account SET password_hash = \(passwordHash) WHERE id = \(id)")
        }
    }

    public func setAccountRole(
        _ id: Int64, role: AccountRole, organisation: String, by actor: AccountRecord
    ) async throws {
        try await changeAccount(
            id, by: actor, action: "account.change", detail: "\(role.rawValue), \(organisation)"
        ) { db in
            guard
                let org = try await db.column(
                    "SELECT id FROM organisation WHERE name = \(organisation)", as: Int64.self
                )
                .first
            else { throw AccountError.emptyName }
            try await db.run("UPDATE account SET role = \(role.rawValue), organisation_id = \(org) WHERE id = \(id)")
        }
    }

    /// Runs `update` on account `id`, ends its sessions and audits `action`, in one transaction.
    func changeAccount(
        _ id: Int64, by actor: AccountRecord, action: String, detail: String? = nil,
        _ update: (PostgresConnection) async throws -> Void
    ) async throws {
        try await write { db in
            guard let name = try await db.column("SELECT name FROM account WHERE id = \(id)", as: String.self).first
            else { throw AccountError.emptyName }
            try await update(db)
            try await db.run("DELETE FROM web_session WHERE account_id = \(id)")
            try await db.audit(actor.id, action, name + (detail.map { " (\($0))" } ?? ""))
        }
    }

    public func organisationSummaries() async throws -> [OrganisationSummary] {
        try await read { db in
            try await db.rows(
                """
                SELECT o.name,
                       (SELECT count(*)::int FROM account a WHERE a.organisation_id = o.id),
                       (SELECT count(*)::int FROM service s WHERE s.organization = o.name)
                FROM organisation o ORDER BY o.name COLLATE "C"
                """
            ).map {
                OrganisationSummary(
                    name: try $0[0].decode(String.self), accounts: try $0[1].decode(Int.self),
                    services: try $0[2].decode(Int.self))
            }
        }
    }

    public func addOrganisation(_ name: String, by actor: AccountRecord) async throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw AccountError.emptyName }
        try await write { db in
            let added = try await db.rows(
                "INSERT INTO organisation (name) VALUES (\(name)) ON CONFLICT (name) DO NOTHING RETURNING id")
            guard !added.isEmpty else { throw AccountError.duplicateOrganisation(name: name) }
            try await db.audit(actor.id, "organisation.add", name)
        }
    }

    /// The account of a row whose first four columns are id, name, organisation and role.
    static func account(_ row: PostgresRandomAccessRow) throws -> AccountRecord? {
        guard let role = AccountRole(rawValue: try row[3].decode(String.self)) else { return nil }
        return AccountRecord(
            id: try row[0].decode(Int64.self), name: try row[1].decode(String.self),
            organisation: try row[2].decode(String.self), role: role)
    }
}
