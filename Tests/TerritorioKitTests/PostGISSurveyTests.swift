import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit

/// Surveys and reports on PostGIS: ingest sessions under concurrency, and the demo's gap report
/// from both backends.
@Suite("PostGIS surveys and reports")
struct PostGISSurveyTests {
    /// The Kobo sample split in two files that share `overlap` rows (header on both).
    static func overlappingHalves() throws -> (a: String, b: String, rows: Int, overlap: Int) {
        let sample = Fixture.root.appendingPathComponent("Surveys/samples/kobo-user.csv").path
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: true)
        let header = lines[0]
        let rows = Array(lines.dropFirst())
        let third = rows.count / 3
        let a = [header] + rows[..<(2 * third)]
        let b = [header] + rows[third...]
        return (
            try Fixture.file("a.csv", a.joined(separator: "\n") + "\n"),
            try Fixture.file("b.csv", b.joined(separator: "\n") + "\n"), rows.count, third
        )
    }

    /// A PostGIS store holding the embedded default (territory, taxonomy, services).
    static func demoPostGIS() async throws -> PostGISStore {
        let store = try await TestPostgres.freshStore()
        try await EmbeddedDefault.load(into: store, geoData: Fixture.geoData)
        return store
    }

    @Test("two ingests into PostGIS at once lose and double nothing")
    func concurrentIngests() async throws {
        let store = try await Self.demoPostGIS()
        let (a, b, rows, overlap) = try Self.overlappingHalves()
        async let first = SurveyIngest.ingest(path: a, into: store)
        async let second = SurveyIngest.ingest(path: b, into: store)
        let (sa, sb) = try await (first.0, second.0)
        #expect(sa.rejected == 0 && sb.rejected == 0)
        // Every row of both files is either stored once or recognised as already stored.
        #expect(sa.accepted + sb.accepted == rows)
        #expect(sa.duplicates + sb.duplicates == overlap)
        #expect(sa.rows + sb.rows == rows + overlap)
        let summary = try await store.summary()
        #expect(summary.userSubmissions == rows)
        #expect(summary.batches == 2)

        // The same files one after the other into SpatiaLite store the same submissions.
        let expected = try Self.sequentially([a, b])
        let found = try await store.gapInputs(costs: nil)
        #expect(found.responses.mapValues(\.count) == expected.responses.mapValues(\.count))
        #expect(Self.needCount(found) == Self.needCount(expected))
    }

    /// The inputs after ingesting `files` one after the other into a SpatiaLite demo store.
    static func sequentially(_ files: [String]) throws -> GapInputs {
        let local = try Fixture.demoStore()
        for file in files { _ = try SurveyIngest.ingest(path: file, into: local) }
        return try local.gapInputs()
    }

    static func needCount(_ inputs: GapInputs) -> Int {
        var total = 0
        for responses in inputs.responses.values { total += responses.reduce(0) { $0 + $1.needs.count } }
        return total
    }

    @Test("a file ingested twice at once on PostGIS is stored once")
    func sameFileTwice() async throws {
        let store = try await Self.demoPostGIS()
        let sample = Fixture.root.appendingPathComponent("Surveys/samples/odk-operator.csv").path
        async let first = SurveyIngest.ingest(path: sample, into: store)
        async let second = SurveyIngest.ingest(path: sample, into: store)
        let (sa, sb) = try await (first.0, second.0)
        #expect(sa.accepted + sb.accepted == sa.rows)
        #expect([sa.batch, sb.batch].compactMap { $0 }.count == 1, "the second one writes nothing")
        let summary = try await store.summary()
        #expect(summary.operatorSubmissions == sa.rows)
        #expect(summary.batches == 1)
    }

    @Test("rejected rows are quarantined on PostGIS and leave it when cleared")
    func quarantine() async throws {
        let store = try await Self.demoPostGIS()
        let sample = Fixture.root.appendingPathComponent("Surveys/samples/paper-user.csv").path
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n").map(String.init)
        // The comment and the header, then one row about a municipality nobody has: rejected with its reason.
        let header = lines[1].split(separator: ";", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex { $0 == "municipality" })
        var fields = lines[2].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[column] = "Nessunluogo"
        let path = try Fixture.file(
            "bad.csv", [lines[0], lines[1], fields.joined(separator: ";")].joined(separator: "\n") + "\n")
        let (summary, rejected) = try await SurveyIngest.ingest(path: path, into: store)
        #expect(summary.rejected == 1)
        let rows = try await store.quarantinedRows(batch: nil)
        #expect(rows.count == 1 && rows[0].row == rejected.rows.first?.row && !rows[0].reasons.isEmpty)
        #expect(rows[0].values["municipality"] == "Nessunluogo")
        #expect(rejected.rows.first?.token != nil)
        #expect(try await store.clearQuarantine(ids: nil) == 1)
        #expect(try await store.quarantinedRows(batch: nil).isEmpty)
    }

    @Test("the demo's gap report is byte-identical from SpatiaLite and PostGIS")
    func demoReportIdentical() async throws {
        let samples = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)
        #expect(samples.count == 3)
        let local = try Self.localDemo(samples: samples)
        let server = try await TestPostgres.freshStore()
        try await EmbeddedDefault.load(into: server, geoData: Fixture.geoData)
        try await EmbeddedDefault.loadBetweenMeetings(into: server, geoData: Fixture.geoData)
        try await EmbeddedDefault.ingestSamples(into: server, paths: samples)
        #expect(try await server.rounds().count >= 2)

        func report(_ store: any EmbeddedDefault.AnyStore & AnalysisStore) async throws -> String {
            let analysis = GapAnalysis(inputs: try await store.gapInputs(costs: nil), config: .standard)
            let report = try await RoundAnalysis.report(analysis, store: store)
            return try report.geoJSON(shapes: try await store.consortiumShapes(), timestamp: nil, costsFile: nil)
        }
        let fromFile = try await report(local)
        let fromServer = try await report(server)
        #expect(fromFile.contains("\"survey user: "), "the report names the surveys")
        #expect(fromFile == fromServer)
        // The library's synchronous path on SpatiaLite (the demo's) gives the same bytes.
        #expect(try Self.syncReport(local) == fromServer)
    }

    /// The demo in a SpatiaLite store, built as `territorio demo` builds it.
    static func localDemo(samples: [String]) throws -> Store {
        let local = try Fixture.store()
        try EmbeddedDefault.load(into: local, geoData: Fixture.geoData)
        try EmbeddedDefault.loadBetweenMeetings(into: local, geoData: Fixture.geoData)
        try EmbeddedDefault.ingestSamples(into: local, paths: samples)
        return local
    }

    static func syncReport(_ local: Store) throws -> String {
        let report = try RoundAnalysis.report(
            GapAnalysis(inputs: try local.gapInputs(), config: .standard), store: local)
        return try report.geoJSON(store: local, timestamp: nil, costsFile: nil)
    }
}
