import Foundation
import HummingbirdTesting
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// The pages computed from the whole database (the map, its data and downloads, the poster, the
/// OGC gap layer, the researchers' exports) answer on both backends, byte for byte the same on
/// the same data.
@Suite("Web app: the published pages on both backends")
struct BackendParityTests {
    /// What the pages are fetched with: admins may see and download all of them.
    static let pages = [
        "/map/gaps.svg?lang=en", "/map/gaps.svg?category=housing&lang=ar", "/map/data.json?lang=fr",
        "/map/report.csv", "/poster?lang=it", "/poster?lang=ar", "/ogc/collections/gaps/items",
        "/ogc/collections/gaps/items/006001", "/exports/needs.csv"
    ]

    /// Pages that hold the session's CSRF token: the same status, not the same bytes.
    static let sessionPages = ["/map?lang=en"]

    /// The fixture with the export tests' answers (counts below k included) on `backend`.
    static func store(_ backend: Backend) async throws -> any WebStore & ExportStore {
        let store = try await ServerFixture.store(backend)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID()).csv").path
        try ExportAuditTests.answers.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try await SurveyIngest.ingest(path: path, into: store).0.accepted == 5)
        return store
    }

    /// Each page's status and body on `backend`.
    static func fetched(_ backend: Backend) async throws -> [String: (status: Int, body: String)] {
        let app = try ServerFixture.app(try await store(backend))
        return try await app.application().test(.router) { client in
            var bodies: [String: (status: Int, body: String)] = [:]
            let (cookie, _) = try await client.signIn("admin")
            for page in pages + sessionPages {
                let response = try await client.get(page, cookies: cookie)
                bodies[page] = (Int(response.status.code), response.text)
            }
            return bodies
        }
    }

    @Test("every page answers 200 on each backend, with the same bytes as from SpatiaLite")
    func sameOutputs() async throws {
        let reference = try await Self.fetched(.spatiaLite)
        for page in Self.pages + Self.sessionPages {
            #expect(reference[page]?.status == 200, "\(page)")
        }
        #expect(reference["/map/gaps.svg?lang=en"]?.body.contains("<svg") == true)
        #expect(reference["/exports/needs.csv"]?.body.contains("006001") == true)
        for backend in Backend.all where backend != .spatiaLite {
            let other = try await Self.fetched(backend)
            for page in Self.sessionPages { #expect(other[page]?.status == 200, "\(backend) \(page)") }
            for page in Self.pages {
                #expect(other[page]?.status == 200, "\(backend) \(page)")
                #expect(other[page]?.body == reference[page]?.body, "\(backend) \(page)")
            }
        }
    }
}
