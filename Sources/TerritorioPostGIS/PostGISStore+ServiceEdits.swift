import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The service directory as the web app edits it, on PostGIS: one service or category at a time,
/// its change kept in the history and audited in the same transaction.
extension PostGISStore: ServiceEditStore {
    public func service(id: String) async throws -> Service? {
        try await read { try await Self.fetchServices($0, id: id).first }
    }

    @discardableResult
    public func updateService(_ service: Service, by account: AccountRecord) async throws -> Bool {
        try await write { db in
            let report = try await Self.upsertServices([service], on: db, source: "web app: \(account.name)")
            guard report.unchanged.isEmpty else { return false }
            let action = report.added.isEmpty ? "service.update" : "service.add"
            try await db.audit(account.id, action, "service \(service.id)")
            return true
        }
    }

    public func saveCategory(_ category: Category, by account: AccountRecord) async throws {
        try await write { db in
            let (all, action) = Category.saving(category, in: try await Self.fetchCategories(db))
            try await Self.writeCategories(all, on: db, source: "web app: \(account.name)")
            try await db.audit(account.id, action, "category \(category.code)")
        }
    }

    public func directoryContext() async throws -> DirectoryContext {
        let categories = try await read { try await $0.column("SELECT code FROM category", as: String.self) }
        return DirectoryContext(categories: Set(categories), resolver: try await municipalityResolver())
    }

    public func municipalityNames() async throws -> [String: (name: String, province: String?)] {
        try await read { db in
            var out: [String: (name: String, province: String?)] = [:]
            for row in try await db.rows("SELECT code, name, province FROM municipality") {
                out[try row[0].decode(String.self)] = (try row[1].decode(String.self), try row[2].decode(String?.self))
            }
            return out
        }
    }
}
