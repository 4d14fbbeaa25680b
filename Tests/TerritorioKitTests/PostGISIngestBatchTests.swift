import Foundation
import Testing

@testable import TerritorioKit
@testable import TerritorioPostGIS

/// The PostGIS ledger reads stored versions ahead, a batch of rows at a time, and sends new
/// submissions by COPY: versions met within one batch, across batches and in a later file must
/// end as on SpatiaLite, which looks each one up when it meets it.
@Suite("PostGIS ingest in batches")
struct PostGISIngestBatchTests {
    static let header = "municipality,needs,urgency,meta/instanceID,meta/deprecatedID,_uuid,_submission_time\n"

    static func row(_ key: String, urgency: String = "low", deprecates: String = "") -> String {
        "006114,food,\(urgency),uuid:\(key),\(deprecates),\(key),2026-09-01T10:00:00\n"
    }

    /// 600 submissions (more than one batch of the reader), edits of the first and of one
    /// inserted in the same batch as its edit, a duplicate, two undecidable versions.
    static func files() throws -> [String] {
        var first = (0..<600).map { row("r\($0)") }.joined()
        first += row("e0", urgency: "high", deprecates: "uuid:r0")
        first += row("e513", urgency: "high", deprecates: "uuid:r513")
        first += row("r5") + row("u") + row("u", urgency: "high")
        let second = row("r0") + row("r1") + row("e513", urgency: "high", deprecates: "uuid:r513")
        return [try Fixture.file("batch-1.csv", header + first), try Fixture.file("batch-2.csv", header + second)]
    }

    static func counts(_ s: IngestSummary) -> [Int] {
        [s.rows, s.accepted, s.duplicates, s.outdated, s.conflicts, s.rejected]
    }

    @Test("versions within a batch, across batches and in a later file end as on SpatiaLite")
    func versionsAsOnSpatiaLite() async throws {
        let files = try Self.files()
        let local = try Fixture.demoStore()
        let expected = try files.map { try Self.counts(SurveyIngest.ingest(path: $0, into: local).0) }
        let store = try await PostGISSurveyTests.demoPostGIS()
        var found: [[Int]] = []
        for file in files { found.append(Self.counts(try await SurveyIngest.ingest(path: file, into: store).0)) }
        #expect(found == expected)
        #expect(expected[0] == [605, 601, 1, 0, 3, 0], "r0 and r513 replaced by their edits; u undecided")
        #expect(try await store.summary().userSubmissions == 601)
        let inputs = try await store.gapInputs(costs: nil)
        #expect(inputs.responses.mapValues(\.count) == (try local.gapInputs()).responses.mapValues(\.count))
    }

    @Test("COPY rows escape the backslash, tab, newline and carriage return, and write NULL as \\N")
    func copyEscapes() {
        var rows = PostGISCopyRows()
        rows.text("a\tb\\c")
        rows.text(nil)
        rows.integer(42)
        rows.endRow()
        rows.text("x\ny\rz")
        rows.point(.init(x: 1, y: 2))
        rows.endRow()
        let text = String(decoding: rows.data.readableBytesView, as: UTF8.self)
        #expect(text == "a\\tb\\\\c\t\\N\t42\nx\\ny\\rz\t0101000020e6100000000000000000f03f0000000000000040\n")
        #expect(rows.count == 2)
    }
}
