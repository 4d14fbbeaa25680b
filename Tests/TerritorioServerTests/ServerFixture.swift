import Foundation
import Hummingbird
import HummingbirdTesting
import TerritorioPostGIS
import Testing

@testable import TerritorioKit
@testable import TerritorioServer

/// A small constructed database for the web app: three square municipalities (two in the
/// consortium), two categories, services of two organisations, and one account per role.
enum ServerFixture {
    static let password = "correct horse battery"
    static let codes = ["006001", "006002", "006003"]

    static func square(_ x: Double) -> MultiPolygon {
        let ring = [
            Coordinate(lon: x, lat: 44.7), Coordinate(lon: x + 0.1, lat: 44.7),
            Coordinate(lon: x + 0.1, lat: 44.8), Coordinate(lon: x, lat: 44.8), Coordinate(lon: x, lat: 44.7)
        ]
        return MultiPolygon(Polygon(rings: [ring]))
    }

    static func service(
        _ id: String, name: String, organisation: String, at x: Double,
        hours: String? = "Mo-Fr 09:00-12:00"
    ) -> Service {
        Service(
            id: id, name: name, organization: organisation, categories: ["food"], address: "Via Roma 1",
            postalCode: "15067", municipality: codes[0], location: Coordinate(lon: x, lat: 44.75),
            locationApproximate: false, phone: "+39 0143 123456", email: nil, website: nil, openingHours: hours,
            languages: ["it"], eligibility: nil, capacity: 1, verified: true, lastUpdated: "2026-11-01",
            source: "fixture")
    }

    static let boundaries = BoundaryFile(
        file: "b.geojson",
        boundaries: codes.enumerated().map { i, code in
            MunicipalityBoundary(
                code: code, name: "Comune \(i + 1)", province: "AL",
                shape: square(8.7 + 0.1 * Double(i)),
                representativePoint: Coordinate(lon: 8.75 + 0.1 * Double(i), lat: 44.75), repair: nil)
        })
    static let population = PopulationFile(
        file: "p.csv", year: 2011,
        entries: codes.enumerated().map { .init(code: $1, name: nil, population: 1_000 * ($0 + 1), row: $0 + 2) },
        paddedCodes: 0)
    static let consortium = ConsortiumFile(
        file: "c.csv", codes: Array(codes.prefix(2)), rowOfCode: [codes[0]: 2, codes[1]: 3])
    static let categories = [
        Category(
            code: "food", labels: ["it": "Cibo", "en": "Food", "fr": "Nourriture", "ar": "طعام"], descriptions: [:]),
        Category(
            code: "housing", labels: ["it": "Casa", "en": "Housing", "fr": "Logement", "ar": "سكن"],
            descriptions: [:])
    ]
    static let services = [
        service("csp-1", name: "Sportello CSP", organisation: "CSP", at: 8.75),
        service(
            "caritas-1", name: "<script>alert(1)</script> Caritas", organisation: "Caritas", at: 8.85, hours: "24/7")
    ]
    static let accounts: [(name: String, organisation: String, role: AccountRole)] = [
        ("admin", "CSP", .admin), ("op-csp", "CSP", .operator), ("op-caritas", "Caritas", .operator),
        ("planner", "CSP", .planner)
    ]

    /// The fixture in a new SpatiaLite file.
    static func store() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-server-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store.open(at: folder.appendingPathComponent("territorio.sqlite").path)
        _ = try store.importBoundaries(boundaries, source: "b.geojson", approximate: false)
        _ = try store.importPopulation(population, source: "p.csv")
        _ = try store.setConsortium(consortium)
        try store.importCategories(categories, source: "categories.csv")
        _ = try store.importServices(services, source: "s.csv")
        for (name, organisation, role) in accounts {
            try store.addAccount(
                name: name, organisation: organisation, role: role,
                passwordHash: Passwords.hash(password, cost: 4))
        }
        return store
    }

    /// The fixture on `backend`: a new SpatiaLite file, or a new database on the PostGIS test
    /// server (``ServerPostgres``), filled through the store protocols.
    static func store(_ backend: Backend) async throws -> any WebStore & ExportStore {
        guard backend == .postGIS else { return try store() }
        let store = try await ServerPostgres.freshStore()
        _ = try await store.importBoundaries(boundaries, source: "b.geojson", approximate: false)
        _ = try await store.importPopulation(population, source: "p.csv")
        _ = try await store.setConsortium(consortium)
        try await store.importCategories(categories, source: "categories.csv")
        _ = try await store.importServices(services, source: "s.csv")
        for (name, organisation, role) in accounts {
            try await store.addAccount(
                name: name, organisation: organisation, role: role,
                passwordHash: Passwords.hash(password, cost: 4), by: nil)
        }
        return store
    }

    static func app(_ store: any WebStore & ExportStore, attempts: Int = 5) throws -> WebApp {
        try WebApp(store: store, settings: ServerSettings(bcryptCost: 4, signInAttempts: attempts))
    }
}

/// Requests as a browser makes them: cookies kept, forms URL-encoded.
extension TestClientProtocol {
    /// GET `uri` with `cookies`.
    func get(_ uri: String, cookies: String = "") async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: cookies.isEmpty ? [:] : [.cookie: cookies])
    }

    /// POST the form `fields` to `uri` with `cookies`.
    func post(_ uri: String, _ fields: [String: String], cookies: String = "") async throws -> TestResponse {
        try await postPairs(uri, fields.map { ($0.key, $0.value) }, cookies: cookies)
    }

    /// POST `fields` (a name may repeat, as checkboxes send it) to `uri` with `cookies`.
    func postPairs(_ uri: String, _ fields: [(String, String)], cookies: String = "") async throws -> TestResponse {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookies }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in as `name`; returns the session cookie header and the session's CSRF token.
    func signIn(
        _ name: String,
        password: String = ServerFixture.password
    ) async throws -> (cookie: String, csrf: String) {
        let (signInCookie, token) = try await signInForm()
        let response = try await post(
            "/signin", ["csrf": token, "name": name, "password": password],
            cookies: signInCookie)
        #expect(response.status == .seeOther)
        let cookie = try #require(response.cookie(WebApp.sessionCookie))
        let page = try await get("/services", cookies: cookie)
        return (cookie, try #require(page.hiddenCSRF))
    }

    /// The sign-in form's cookie and token.
    func signInForm() async throws -> (cookie: String, token: String) {
        let form = try await get("/signin")
        return (try #require(form.cookie(WebApp.signInCookie)), try #require(form.hiddenCSRF))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// `name=value` of the cookie `name` that the response sets.
    func cookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }?.split(separator: ";").first.map(String.init)
    }

    /// The value of the first hidden `csrf` field.
    var hiddenCSRF: String? {
        guard let r = text.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "\"" })
    }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
