import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioPostGIS

/// The commands that used to be SpatiaLite-only (map, poster, export, round, report changes,
/// survey) give the same bytes from both backends: the demo is loaded into a SpatiaLite file and
/// into a PostGIS database the same way, and each output is made through the library entry
/// point the command calls.
@Suite("PostGIS commands give the SpatiaLite outputs")
struct PostGISCommandsTests {
    typealias Both = (local: Store, server: PostGISStore)

    /// The demo in both backends, built once for the suite (the server is asked for first, so
    /// that without one each case is skipped, or fails under CI).
    static let demo = Task<Both, any Error> {
        let samples = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)
        let local = try PostGISSurveyTests.localDemo(samples: samples)
        let server = try await TestPostgres.freshStore()
        // As `territorio demo --db postgresql://…` loads it.
        try await DemoPipeline.load(into: server, data: try DefaultData.folder(Fixture.geoData))
        return (local, server)
    }

    static func both() async throws -> Both {
        _ = try TestPostgres.server()
        return try await demo.value
    }

    /// The gap report of every submission, as `map gaps` makes it.
    static func report(_ store: StoreOpener.CommandStore) async throws -> GapReport {
        let analysis = GapAnalysis(inputs: try await store.gapInputs(costs: nil), config: .standard)
        return try await RoundAnalysis.report(analysis, store: store)
    }

    @Test("map gaps and map services: the same SVG from both backends")
    func maps() async throws {
        let (local, server) = try await Self.both()
        let (a, b) = (try await Self.report(local), try await Self.report(server))
        let categories = a.analysis.categories.map(\.code)
        #expect(categories.count == 16)
        for code in categories {
            let fromFile = try await Maps.gaps(report: a, category: code, language: "it", from: local).svg()
            let fromServer = try await Maps.gaps(report: b, category: code, language: "it", from: server).svg()
            #expect(fromFile == fromServer, "gaps-\(code)")
        }
        let services = try await Maps.services(from: server, language: "ar").svg()
        #expect(try await Maps.services(from: local, language: "ar").svg() == services)
        #expect(services.contains("<svg"))
        // The synchronous path the demo takes on SpatiaLite draws the same map.
        #expect(
            try Maps.gaps(report: a, category: "food", language: "it", store: local).svg()
                == (try await Maps.gaps(report: b, category: "food", language: "it", from: server).svg()))
    }

    @Test("poster: the same HTML in the four languages from both backends")
    func poster() async throws {
        let (local, server) = try await Self.both()
        let faq = Fixture.geoData + "/faq.csv"
        let a = try await Poster.load(from: local, faq: faq)
        let b = try await Poster.load(from: server, faq: faq)
        #expect(!b.services.isEmpty && !b.sessions.isEmpty)
        for language in Phrases.languages {
            #expect(a.html(language: language) == b.html(language: language), "poster-\(language)")
        }
        #expect(try Poster.load(store: local, faq: faq).html(language: "it") == b.html(language: "it"))
    }

    @Test("export municipalities, services and sessions: the same bytes from both backends")
    func directoryExports() async throws {
        let (local, server) = try await Self.both()
        for consortiumOnly in [false, true] {
            #expect(
                try await MunicipalityExport.geoJSON(from: local, consortiumOnly: consortiumOnly)
                    == (try await MunicipalityExport.geoJSON(from: server, consortiumOnly: consortiumOnly)))
            #expect(
                try await MunicipalityExport.csv(from: local, consortiumOnly: consortiumOnly)
                    == (try await MunicipalityExport.csv(from: server, consortiumOnly: consortiumOnly)))
        }
        let services = try await server.services()
        #expect(try local.services() == services)
        #expect(try local.categories() == (try await server.categories()))
        let names = try await server.municipalityNames()
        let localNames = try local.municipalityNames()
        #expect(names.count == 29)
        #expect(names.mapValues(\.name) == localNames.mapValues(\.name))
        let sessions = try await server.sessions().map(\.session)
        let localSessions = try local.sessions().map(\.session)
        #expect(sessions.count == 4)
        #expect(sessions == localSessions)
        try await Self.compareHSDS(local, server)
    }

    /// The HSDS data package of the services, file by file.
    static func compareHSDS(_ local: Store, _ server: PostGISStore) async throws {
        let root = try Fixture.temporaryDirectory()
        for (name, store) in [("a", local), ("b", server)] as [(String, StoreOpener.CommandStore)] {
            try HSDSExport.write(
                services: try await store.services(), categories: try await store.categories(),
                municipalityNames: try await store.municipalityNames(), to: root.appendingPathComponent(name).path)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("a").path)
        #expect(files.count > 3)
        for file in files {
            let a = try Data(contentsOf: root.appendingPathComponent("a/" + file))
            let b = try Data(contentsOf: root.appendingPathComponent("b/" + file))
            #expect(a == b, "hsds \(file)")
        }
    }

    @Test("export needs and submissions: the same cells and rows from both backends")
    func researchExports() async throws {
        let (local, server) = try await Self.both()
        let cells = try await server.needCells()
        #expect(cells.count > 100)
        #expect(
            cells.map { "\($0.key) \($0.count) \(String(describing: $0.unmet))" }
                == (try local.needCells()).map { "\($0.key) \($0.count) \(String(describing: $0.unmet))" })
        #expect(try await server.zones() == (try local.zones()))
        #expect(!(try await server.zones()).isEmpty)
        let stored = try await server.researchSubmissions()
        #expect(stored.count == 239)
        #expect(stored.map(Self.describe) == (try local.researchSubmissions()).map(Self.describe))
        // The needs file itself (the sidecar differs only in its export time and sources).
        let root = try Fixture.temporaryDirectory()
        for format in [ResearchExport.Format.csv, .geojson] {
            let a = root.appendingPathComponent("a.\(format.rawValue)").path
            let b = root.appendingPathComponent("b.\(format.rawValue)").path
            try await ResearchExport.needs(from: local, config: .standard, format: format, to: a)
            try await ResearchExport.needs(from: server, config: .standard, format: format, to: b)
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        }
    }

    /// A submission as text, its dictionaries in key order.
    static func describe(_ s: ResearchExport.StoredSubmission) -> String {
        func sorted(_ d: [String: Int?]) -> String {
            d.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(describing: $0.value))" }.joined(separator: ",")
        }
        let fields: [String?] = [
            s.form, s.code, s.month, s.urgency, s.barriers, s.languages, s.householdSize.map(String.init), s.ageGroup,
            s.periodStart, s.periodEnd, s.needs.joined(separator: ","), sorted(s.requests), sorted(s.unmet)
        ]
        return fields.map { $0 ?? "nil" }.joined(separator: "|")
    }

    @Test("round list and report changes: the same rounds, counts and change report from both backends")
    func rounds() async throws {
        let (local, server) = try await Self.both()
        let rounds = try await server.rounds()
        #expect(rounds.map(\.name) == ["2026-estate", "2026-autunno"])
        #expect(rounds == (try local.rounds()))
        let counts = try await server.roundCounts()
        let expected = try local.roundCounts()
        #expect(counts.perRound == expected.perRound && counts.outside == expected.outside)
        #expect(counts.perRound.values.reduce(0, +) + counts.outside == 239)

        let a = try await ChangeReport.make(reading: local, from: rounds[0].name, to: rounds[1].name, config: .standard)
        let b = try await ChangeReport.make(
            reading: server, from: rounds[0].name, to: rounds[1].name, config: .standard)
        #expect(!b.serviceChanges.isEmpty)
        let shapes = try await server.consortiumShapes()
        #expect(try a.geoJSON(shapes: shapes) == b.geoJSON(shapes: shapes))
        #expect(try a.csv() == b.csv())
        let sync = try ChangeReport.make(store: local, from: rounds[0].name, to: rounds[1].name, config: .standard)
        #expect(try sync.csv() == b.csv())
        await #expect(throws: RoundError.self) {
            try await ChangeReport.make(reading: server, from: rounds[1].name, to: rounds[0].name, config: .standard)
        }
    }

    @Test("demo --db: the demo loads into an empty database only")
    func demoIntoServer() async throws {
        let (_, server) = try await Self.both()
        #expect(try await server.summary().municipalities == 29)
        await #expect(throws: DemoPipeline.NotEmpty.self) {
            try await DemoPipeline.load(into: server, data: try DefaultData.folder(Fixture.geoData))
        }
    }

    @Test("doctor on PostGIS: versions, schema, contents, GiST indexes; an invalid boundary is named")
    func doctor() async throws {
        let (_, server) = try await Self.both()
        let report = try await server.doctor()
        #expect(report.verdict == .ok)
        let checks = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0) })
        #expect(checks["server"]?.detail.contains("PostGIS 3") == true)
        #expect(checks["contents"]?.detail.contains("239") == true)
        #expect(checks["spatial index municipality.geom"]?.status == .ok)
        #expect(checks["spatial index submission.geom"]?.status == .ok)
        #expect(checks["schema"]?.status == .ok)

        let broken = try await TestPostgres.freshStore()
        _ = try await broken.importBoundaries(ContractData.boundaries(), source: "c", approximate: false)
        try await broken.write { db in
            try await db.run(
                """
                UPDATE municipality SET geom = ST_Multi(ST_GeomFromText(
                    'POLYGON((8.7 44.7, 8.8 44.8, 8.8 44.7, 8.7 44.8, 8.7 44.7))', 4326)) WHERE code = '006002'
                """)
            try await db.run("DROP INDEX service_geom")
        }
        let found = try await broken.doctor()
        let named = Dictionary(uniqueKeysWithValues: found.checks.map { ($0.name, $0) })
        #expect(named["boundaries"]?.status == .warning && named["boundaries"]?.detail.contains("006002 Due") == true)
        #expect(named["spatial index service.geom"]?.status == .problem)
        #expect(found.verdict == .problem)
    }

    @Test("survey form and template: the same XLSForm and paper template from both backends")
    func surveyForms() async throws {
        let (local, server) = try await Self.both()
        let a = try await SurveyIngest.forms(from: local)
        let b = try await SurveyIngest.forms(from: server)
        #expect(b.count == 2 && (b[0].choices["municipality"]?.count ?? 0) == 29)
        for (x, y) in zip(a, b) {
            #expect(x.paperTemplate() == y.paperTemplate())
            #expect(try x.xlsform(version: "1") == y.xlsform(version: "1"))
        }
    }
}
