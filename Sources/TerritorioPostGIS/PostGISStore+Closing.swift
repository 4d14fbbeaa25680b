import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

extension PostGISStore: DirectoryClosingStore {
    /// Removes the services `ids` (unknown ones are skipped) in one transaction, recording each
    /// closure in the directory's history as of `date` (today when nil); returns the ids closed.
    package func closeServices(_ ids: [String], source: String, date: String?) async throws -> [String] {
        try await write { db in
            let stored = Dictionary(uniqueKeysWithValues: try await Self.fetchServices(db).map { ($0.id, $0) })
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            var closed: [String] = []
            for id in ids {
                guard let old = stored[id],
                    let change = ServiceChange.between(old, nil, effective: date ?? today, source: source)
                else { continue }
                try await Self.record(change, on: db)
                try await db.run("DELETE FROM service WHERE id = \(id)")
                closed.append(id)
            }
            if !closed.isEmpty {
                try await db.logImport(
                    kind: "services-closed", source: source, added: 0, updated: closed.count, unchanged: 0,
                    note: closed.joined(separator: ", "))
            }
            return closed
        }
    }
}
