import Foundation
import PostgresNIO
import TerritorioCore

/// Administration of a PostgreSQL server as a whole (not one database): creating the databases
/// that stores (and each contract test) open.
public enum PostGISServer {
    /// Creates the database `name` on the server of `url` (connecting to `url`'s own database to do
    /// so). The store's first migration adds PostGIS to it when it opens.
    public static func createDatabase(_ name: String, on url: PostgresURL) async throws {
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try await withClient(url) { client in
            _ = try await client.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted)"),
                logger: PostGISStore.logger)
        }
    }

    /// Runs `body` with a client connected to `url`, stopping the client afterwards.
    static func withClient<T: Sendable>(_ url: PostgresURL, _ body: @Sendable (PostgresClient) async throws -> T)
        async throws -> T
    {
        let client = PostgresClient(configuration: url.configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
