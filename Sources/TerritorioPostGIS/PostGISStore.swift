import Foundation
import Logging
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The PostGIS backend: the same use cases as the SpatiaLite ``Store`` (``DirectoryStore``,
/// ``TerritoryStore``, ``AnalysisStore``) on a shared PostgreSQL server with PostGIS.
///
/// Connections come from a pool (`PostgresClient`, run for the store's life); every write runs in
/// one transaction; geometries cross the boundary as WKB (`ST_GeomFromWKB` / `ST_AsBinary`).
/// Opening a store applies the missing migrations (``PostGISSchema``). It also conforms to
/// ``SurveyStore`` and ``RoundStore`` (ingest sessions, quarantine, rounds, history, sessions) and
/// to the web app's protocols (``WebStore``: accounts, audit log, quarantine review, self-reports).
public final class PostGISStore: Sendable {
    /// The server and database, without any password (for messages and `territorio info`).
    public let location: String
    let client: PostgresClient
    private let runner: Task<Void, Never>
    static let logger = Logger(label: "territorio.postgis")

    /// Connects to `url` (see ``PostgresURL``) and brings the schema up to date.
    /// A server that cannot be reached, or refuses the user or database, is an error saying why
    /// (``PostGISError``), at once rather than after the pool's retries.
    public convenience init(url: PostgresURL) async throws {
        try await Self.check(url)
        try await self.init(configuration: url.configuration, location: url.redacted)
    }

    /// Connects once, directly, and closes: the server's own reason when it fails.
    static func check(_ url: PostgresURL) async throws {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0,
                logger: logger)
            try await connection.close()
        } catch {
            throw PostGISError.unreachable(location: url.redacted, reason: PostGISError.reason(error))
        }
    }

    init(configuration: PostgresClient.Configuration, location: String) async throws {
        self.location = location
        let client = PostgresClient(configuration: configuration)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await PostGISSchema.migrate(self)
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit { runner.cancel() }

    /// Stops the pool: waiting queries fail, connections close.
    public func close() { runner.cancel() }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws
    /// (the error is rethrown as it is, so callers see an ``InputError`` as such).
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN", body)
    }

    /// Runs `body` in one read-only, repeatable-read transaction: one consistent snapshot.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T: Sendable>(_ begin: PostgresQuery, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        try await client.withConnection { connection in
            try await connection.query(begin, logger: Self.logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: Self.logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }
}

extension PostGISStore: DirectoryStore, TerritoryStore, AnalysisStore {}
