import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// A header with very many columns is refused at once instead of keeping the ingestion busy.
@Suite("Survey ingestion: wide headers")
struct WideHeaderTests {
    static func file(columns: Int) throws -> String {
        let form = ["municipality", "needs", "urgency", "meta/instanceID"]
        let extra = (0..<(columns - form.count)).map { "extra_\($0)" }
        let row = ["006114", "food", "high", "uuid:w-1"] + Array(repeating: "", count: extra.count)
        let text = (form + extra).joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
        return try Fixture.file("wide-\(columns).csv", text)
    }

    @Test("a 20,000-column file is refused with a message naming the file and the count")
    func tooWide() throws {
        let store = try Fixture.demoStore()
        let path = try Self.file(columns: 20_000)
        #expect {
            try SurveyIngest.ingest(path: path, into: store)
        } throws: { error in
            let text = "\(error)"
            return text.contains("wide-20000.csv") && text.contains("the header has 20000 columns")
                && text.contains("at most \(SurveyColumns.maximumColumns)")
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM batch") } == 0)
    }

    @Test("a 1,500-column file with the form's columns is analysed and ingested")
    func wideButAllowed() throws {
        let store = try Fixture.demoStore()
        let (summary, _) = try SurveyIngest.ingest(path: try Self.file(columns: 1_500), into: store)
        #expect(summary.accepted == 1 && summary.ignoredColumns.count == 1_496)
    }
}
