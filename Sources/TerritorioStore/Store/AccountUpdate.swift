import Foundation
import GRDB
import TerritorioCore
import TerritorioStoreAPI

extension Store {
    /// Adds an account (and its organisation, when new); records it in the audit log.
    /// `passwordHash` is a bcrypt hash: the store never sees a password.
    @discardableResult
    public func addAccount(
        name: String, organisation: String, role: AccountRole, passwordHash: String,
        by actor: Int64? = nil
    ) throws -> AccountRecord {
        let name = name.trimmingCharacters(in: .whitespaces)
        let organisation = organisation.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !organisation.isEmpty else { throw AccountError.emptyName }
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [name]) == nil else {
                throw AccountError.duplicate(name: name)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO organisation (name) VALUES (?)", arguments: [organisation])
            try db.execute(
                sql: """
                    INSERT INTO account (name, organisation_id, role, password_hash)
                    VALUES (?, (SELECT id FROM organisation WHERE name = ?), ?, ?)
                    """, arguments: [name, organisation, role.rawValue, passwordHash])
            let id = db.lastInsertedRowID
            try Self.audit(
                db, account: actor, action: "account.add",
                object: "\(name) (\(role.rawValue), \(organisation))")
            return AccountRecord(id: id, name: name, organisation: organisation, role: role)
        }
    }

    /// The account named `name` and its password hash, or nil (also when it is disabled).
    public func account(named name: String) throws -> (account: AccountRecord, passwordHash: String)? {
        try read { db in
            try Row.fetchOne(db, sql: Self.accountQuery + " WHERE a.name = ? AND a.disabled = 0", arguments: [name])
                .flatMap { row in
                    Self.account(row).map { ($0, row["password_hash"]) }
                }
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [AccountRecord] {
        try read { db in try Row.fetchAll(db, sql: Self.accountQuery + " ORDER BY a.name").compactMap(Self.account) }
    }

    static let accountQuery = """
        SELECT a.id, a.name, o.name AS organisation, a.role, a.password_hash
        FROM account a JOIN organisation o ON o.id = a.organisation_id
        """

    static func account(_ row: Row) -> AccountRecord? {
        guard let role = AccountRole(rawValue: row["role"]) else { return nil }
        return AccountRecord(id: row["id"], name: row["name"], organisation: row["organisation"], role: role)
    }
}
