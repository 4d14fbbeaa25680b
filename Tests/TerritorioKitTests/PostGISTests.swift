import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("PostGIS backend")
struct PostGISTests {
    @Test("a --db value is a PostgreSQL URL over TCP or a Unix socket, or a SpatiaLite path")
    func urls() throws {
        let tcp = try #require(try PostgresURL("postgresql://ana:secret@db.example:6543/consorzio"))
        #expect(tcp.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(tcp.user == "ana" && tcp.password == "secret" && tcp.database == "consorzio")
        #expect(tcp.redacted == "postgresql://ana@db.example:6543/consorzio")
        let socket = try #require(try PostgresURL("postgres://territorio@/t?host=/tmp/pg"))
        #expect(socket.endpoint == .socket(path: "/tmp/pg/.s.PGSQL.5432"))
        #expect(socket.redacted == "postgresql://territorio@/t?host=/tmp/pg")
        #expect(try PostgresURL("out/territorio.sqlite") == nil)
        #expect(throws: InputError.self) { try PostgresURL("postgresql://db.example/consorzio") }
        #expect(throws: InputError.self) { try PostgresURL("postgresql://ana@db.example") }
    }

    @Test("sslmode chooses TLS as libpq does; prefer by default; an unknown mode is refused")
    func sslmode() throws {
        #expect(try PostgresURL("postgresql://ana@db.example/c")?.tls == .prefer)
        #expect(try PostgresURL("postgresql://ana@db.example/c?sslmode=verify-full")?.tls == .verifyFull)
        #expect(try PostgresURL("postgresql://ana@db.example/c?sslmode=disable")?.tls == .disable)
        #expect(throws: InputError.self) { try PostgresURL("postgresql://ana@db.example/c?sslmode=maybe") }
    }

    @Test("the store contract suite runs on PostGIS when a test server is named")
    func contractCoversPostGIS() throws {
        _ = try TestPostgres.server()
        #expect(Backend.all.map(\.name) == ["SpatiaLite", "PostGIS"])
    }

    @Test("the opener gives SpatiaLite for a path and PostGIS for a URL, through the same protocols")
    func opener() async throws {
        let path = try Fixture.temporaryDirectory().appendingPathComponent("t.sqlite").path
        #expect(try await StoreOpener.open(path) { try Store.open(at: $0) } is Store)
        let url = try await TestPostgres.freshDatabase()
        let store = try await StoreOpener.open(url.redacted) { try Store.open(at: $0) }
        #expect(store is PostGISStore)
        let summary = try await store.summary()
        #expect(
            summary.schema == [
                "v1-spatial-metadata", "v1-municipality", "v1-import-log", "v2-directory",
                "v4-e-municipality-zone", "v3-surveys", "v4-a-submission-versions", "v4-b-quarantine-keys",
                "v5-f-survey-rounds", "v5-f-service-history", "v5-f-sessions", "pgweb-accounts",
                "pgweb-self-report-queue", "pgweb-services-verification", "pgweb-batch-account"
            ])
        #expect(summary.database == url.redacted)
    }

    // The pool alone retries for about a minute and then reports only a tripped circuit breaker:
    // the server's reason in the error shows the direct check answered.
    @Test("a role the server does not know is refused with the server's reason")
    func unknownRole() async throws {
        var url = try TestPostgres.server()
        url.user = "nobody_here"
        let error = await #expect(throws: PostGISError.self) { try await PostGISStore(url: url) }
        #expect(
            error.map { "\($0)" }?.contains("\"nobody_here\" does not exist") == true, "\(String(describing: error))")
    }

    @Test("two stores opening one new database at once migrate it once")
    func concurrentMigration() async throws {
        let url = try await TestPostgres.freshDatabase()
        async let a = PostGISStore(url: url)
        async let b = PostGISStore(url: url)
        let (first, second) = try await (a, b)
        #expect(try await first.summary().schema == second.summary().schema)
    }

    @Test("two service imports at once into one PostGIS database lose and double nothing")
    func concurrentImports() async throws {
        let store = try await ContractData.territory(.postGIS)
        let a = (0..<20).map { ContractData.service("a\($0)", categories: ["food"], at: 8.75) }
        let b = (0..<20).map { ContractData.service("b\($0)", categories: ["housing"], at: 8.85) } + a.prefix(5)
        async let first = store.importServices(a, source: "a")
        async let second = store.importServices(b, source: "b")
        _ = try await (first, second)
        let services = try await store.services()
        #expect(services.count == 40 && Set(services.map(\.id)).count == 40)
        #expect(services.filter { $0.id.hasPrefix("a") }.allSatisfy { $0.categories == ["food"] })
    }

    @Test("GDAL reads the layers: municipality (MultiPolygon boundary, Point label) and service (Point), EPSG:4326")
    func gdal() async throws {
        let url = try await TestPostgres.freshDatabase()
        let store = try await ContractData.territory(Backend(name: "this") { try await PostGISStore(url: url) })
        _ = try await store.importServices([ContractData.service("s1", categories: ["food"], at: 8.75)], source: "s")
        guard case .socket(let socket) = url.endpoint else {
            Issue.record("expected a socket URL")
            return
        }
        let directory = (socket as NSString).deletingLastPathComponent
        let connection = "PG:host=\(directory) dbname=\(url.database) user=\(url.user)"
        let layers = try ogrinfo(["-ro", "-so", connection])
        #expect(layers.contains("municipality (Multi Polygon, Point)"))
        #expect(layers.contains("service (Point)"))
        let municipality = try ogrinfo(["-ro", "-so", connection, "municipality"])
        #expect(municipality.contains("Geometry (geom): Multi Polygon"))
        #expect(municipality.contains("Geometry (rep_point): Point"))
        #expect(municipality.contains("Feature Count: 3"))
        #expect(municipality.components(separatedBy: "ID[\"EPSG\",4326]").count == 3, "both columns in EPSG:4326")
        let service = try ogrinfo(["-ro", "-so", connection, "service"])
        #expect(service.contains("Feature Count: 1") && service.contains("ID[\"EPSG\",4326]"))
    }

    @Test("a SpatiaLite store copied to PostGIS and back keeps its content: same counts, same digest")
    func copyThereAndBack() async throws {
        let original = try await ContractData.territory(.spatiaLite)
        let services = [
            ContractData.service("s1", categories: ["food"], at: 8.75),
            ContractData.service("s2", categories: ["food", "housing"], at: 8.85, phone: "0143 1")
        ]
        _ = try await original.importServices(services, source: "s")
        let source = try #require(original as? any TableCopyStore)
        let server = try await TestPostgres.freshStore()
        let there = try await DatabaseCopy.copy(from: source, to: server)
        let counts = Dictionary(uniqueKeysWithValues: there.tables.map { ($0.name, $0.rows) })
        #expect(counts["municipality"] == 3 && counts["category"] == 2 && counts["service"] == 2)
        #expect(counts["service_category"] == 3)
        #expect(there.digest == (try await DatabaseCopy.digest(source)))
        let back = try Fixture.store()
        let report = try await DatabaseCopy.copy(from: server, to: back)
        #expect(report == there)
        #expect(try back.services() == services)
        let members = try back.municipalities(consortiumOnly: true, withShapes: false)
        #expect(members.map(\.population) == [1_000, 2_000])
    }

    @Test("a copy into a store that already holds data is refused and changes nothing")
    func copyIntoNonEmpty() async throws {
        let source = try #require(try await ContractData.territory(.spatiaLite) as? any TableCopyStore)
        let target = try #require(try await ContractData.territory(.postGIS) as? any TableCopyStore)
        let before = try await DatabaseCopy.digest(target)
        await #expect(throws: InputError.self) { try await DatabaseCopy.copy(from: source, to: target) }
        #expect(try await DatabaseCopy.digest(target) == before)
    }

    func ogrinfo(_ arguments: [String]) throws -> String {
        let result = try #require(try runTool("ogrinfo", arguments), "ogrinfo is not installed (gdal-bin)")
        #expect(result.status == 0, "ogrinfo \(arguments.joined(separator: " ")): \(result.output)")
        return result.output
    }
}
