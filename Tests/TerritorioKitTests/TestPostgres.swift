import Foundation
import TerritorioPostGIS
import Testing

/// The PostgreSQL server the PostGIS cases run on: `TERRITORIO_TEST_POSTGRES`
/// (`make test` starts a throwaway one with scripts/postgres.sh). Without it the PostGIS cases are
/// skipped with a message saying so, except under CI (`CI=true`), where its absence fails them.
enum TestPostgres {
    static let variable = "TERRITORIO_TEST_POSTGRES"
    static let missing =
        "PostGIS cases skipped: set \(variable)=postgresql://user@/db?host=/socket/dir "
        + "(scripts/postgres.sh start prints one; make test does it for you)"

    /// Whether the PostGIS cases must run: a server is named, or this is CI (where its absence fails).
    static var expected: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment[variable] ?? "").isEmpty || environment["CI"] == "true"
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "CI=true but \(TestPostgres.variable) is not set: the PostGIS cases cannot run" }
    }

    /// The server, or a skip (a failure under CI) when none is configured.
    static func server() throws -> PostgresURL {
        let environment = ProcessInfo.processInfo.environment
        guard let value = environment[variable], !value.isEmpty else {
            if environment["CI"] == "true" { throw MissingServer() }
            try Test.cancel(Comment(rawValue: missing))
        }
        guard let url = try PostgresURL(value) else { throw TestPostgresError.notAURL(value) }
        return url
    }

    /// A new, empty database on the server, opened as a store (migrated, with PostGIS).
    static func freshStore() async throws -> PostGISStore {
        try await PostGISStore(url: freshDatabase())
    }

    /// The URL of a new, empty database on the server.
    static func freshDatabase() async throws -> PostgresURL {
        let server = try server()
        let name = "territorio_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostGISServer.createDatabase(name, on: server)
        return server.with(database: name)
    }
}

enum TestPostgresError: Error {
    case notAURL(String)
}
