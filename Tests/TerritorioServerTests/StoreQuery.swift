import GRDB
import PostgresNIO
import Testing

@testable import TerritorioKit
@testable import TerritorioPostGIS

/// Counts read by SQL from a store of either backend (the same SQL on both), for the route tests'
/// checks of what a request stored.
enum StoreQuery {
    static func count(_ store: any WebStore, _ sql: String) async throws -> Int {
        if let local = store as? Store { return try local.read { try Int.fetchOne($0, sql: sql) } ?? -1 }
        let remote = try #require(store as? PostGISStore)
        return try await remote.read { db in try await db.column(PostgresQuery(unsafeSQL: sql), as: Int.self)[0] }
    }
}
