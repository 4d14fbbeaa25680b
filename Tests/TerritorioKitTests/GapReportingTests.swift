import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit

@Suite("Gap reporting: the library call the CLI and the web app share, and its JSON")
struct GapReportingTests {
    @Test("categories by code or label give their codes; an unknown one fails with the valid ones listed")
    func categories() throws {
        let store = try Fixture.demoStore()
        let (analysis, codes) = try GapReporting.analysis(
            store: store, config: .standard, categories: ["food", "Aiuti alimentari e pasti"], language: "it")
        #expect(codes == ["food", "food"])
        #expect(analysis.categories.map(\.code) == ["food"])
        let all = try GapReporting.analysis(
            store: store, config: .standard, categories: ["food"], restrict: false, language: "it")
        #expect(all.analysis.categories.count > 1)
        #expect {
            try GapReporting.analysis(store: store, config: .standard, categories: ["zzz"], language: "it")
        } throws: { error in
            guard case .unknownCategory(let name, let valid)? = error as? GapReporting.Failure
            else { return false }
            return name == "zzz" && valid.contains("food")
        }
    }

    @Test("a database without a consortium fails with noConsortium")
    func noConsortium() throws {
        #expect(throws: GapReporting.Failure.noConsortium) {
            try GapReporting.analysis(store: Fixture.store(), config: .standard, categories: [], language: "en")
        }
    }

    @Test("the report's metadata is one line of sorted keys, latest_submission null when there is none")
    func metadata() throws {
        let store = try Fixture.demoStore()
        let (analysis, _) = try GapReporting.analysis(
            store: store, config: .standard, categories: ["food"], language: "en")
        let report = try GapReporting.report(
            analysis, store: store, selection: RoundSelection(all: [], chosen: nil), only: ["food"], costsFile: nil)
        let text = try report.metadata(timestamp: nil, costsFile: nil)
        #expect(!text.contains("\n"))
        #expect(text.contains(#""latest_submission":null"#))
        #expect(!text.contains(#""generated""#) && !text.contains(#""rounds""#))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let parameters = try #require(object["parameters"] as? [String: Any])
        let food = try #require((parameters["categories"] as? [String: Any])?["food"] as? [String: Any])
        #expect(food["weight"] as? String == "gaussian")
        #expect((food["max_cost"] as? NSNumber)?.doubleValue == 15 && (food["sigma"] as? NSNumber)?.doubleValue == 7.5)
        #expect(text.hasPrefix(#"{"attribution":"#))  // sorted keys
    }

    @Test("the HSDS datapackage: the id unique, enums under constraints, foreign keys only where there are some")
    func datapackage() throws {
        let text = try HSDSExport.datapackage(HSDSExport.tables())
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let resources = try #require(object["resources"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: resources.map { ($0["name"] as! String, $0) })
        let organization = try #require(byName["organization"]?["schema"] as? [String: Any])
        #expect(organization["foreignKeys"] == nil)
        let fields = try #require(organization["fields"] as? [[String: Any]])
        #expect((fields.first?["constraints"] as? [String: Any])?["unique"] as? Bool == true)
        #expect((fields.last?["constraints"] as? [String: Any])?["unique"] == nil)
        let service = try #require(byName["service"]?["schema"] as? [String: Any])
        let status = (service["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "status" }
        #expect(
            (status?["constraints"] as? [String: Any])?["enum"] as? [String] == [
                "active", "inactive", "defunct", "temporarily closed"
            ])
        #expect((service["foreignKeys"] as? [[String: Any]])?.first?["fields"] as? [String] == ["organization_id"])
        #expect(text.hasSuffix("}\n") && text.contains(#""homepage" : "http://docs.openreferral.org""#))
    }
}
