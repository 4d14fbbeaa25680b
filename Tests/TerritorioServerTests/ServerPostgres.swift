import Foundation
import TerritorioPostGIS
import Testing

/// The PostgreSQL server the web app's PostGIS cases run on: `TERRITORIO_TEST_POSTGRES`, as for
/// the store's own PostGIS cases. Without it they are skipped with a message saying so, except
/// under CI (`CI=true`), where its absence fails them.
enum ServerPostgres {
    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "CI=true but TERRITORIO_TEST_POSTGRES is not set: the PostGIS cases cannot run" }
    }

    /// A new, empty database on the server, opened as a store (migrated).
    static func freshStore() async throws -> PostGISStore {
        let environment = ProcessInfo.processInfo.environment
        guard let value = environment["TERRITORIO_TEST_POSTGRES"], !value.isEmpty else {
            if environment["CI"] == "true" { throw MissingServer() }
            try Test.cancel(
                Comment(rawValue: "PostGIS case skipped: set TERRITORIO_TEST_POSTGRES (scripts/postgres.sh start)"))
        }
        let server = try #require(try PostgresURL(value))
        let name = "territorio_web_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostGISServer.createDatabase(name, on: server)
        return try await PostGISStore(url: server.with(database: name))
    }
}
