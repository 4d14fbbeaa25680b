import Crypto
import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore

/// The reader's byte-level fast paths against the general code they stand in for.
@Suite("Survey reader fast paths")
struct ReaderFastPathTests {
    /// The content hash as it was computed before it was written into one buffer.
    static func joinedHash(_ s: Submission) -> String {
        var parts = [
            s.form.rawValue, s.municipality, s.location.map { "\($0.lat),\($0.lon)" } ?? "",
            s.needs.joined(separator: " "), s.urgency ?? "", s.barriers.joined(separator: " "),
            s.languages.joined(separator: " "), s.householdSize.map(String.init) ?? "", s.ageGroup ?? "",
            s.organization ?? "", s.periodStart ?? "", s.periodEnd ?? ""
        ]
        for key in s.caseload.keys.sorted() {
            let c = s.caseload[key]!
            parts.append("\(key)=\(c.requests.map(String.init) ?? "")/\(c.unmet.map(String.init) ?? "")")
        }
        return Hex.string(SHA256.hash(data: Data(parts.joined(separator: "|").utf8)))
    }

    @Test("the content hash is the hash of the answers joined as before")
    func contentHash() throws {
        let store = try Fixture.demoStore()
        var submissions: [Submission] = [
            Submission(uuid: "x", form: .user, municipality: ""),
            Submission(
                uuid: "y", form: .operator, municipality: "006114", location: Coordinate(lon: 8.7873, lat: 44.7626),
                organization: "Caritas | Novi", periodStart: "2026-01-01",
                caseload: ["food": .init(requests: 4, unmet: 1), "health": .init(requests: nil, unmet: 2)])
        ]
        for path in EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData) {
            let (header, rows) = try ReaderGoldenTests.rows(path)
            let columns = SurveyColumns.analyse(header: header, forms: try SurveyIngest.forms(store), forced: nil)
            let reader = SubmissionReader(
                columns: columns, resolver: try store.municipalityResolver(),
                categories: Set(try store.categories().map(\.code)), policy: IngestPolicy(allowOutside: true))
            for (i, fields) in rows.enumerated() {
                if case .accepted(let s, _) = reader.read(CSVStream.Record(fields: fields, row: i + 2)) {
                    submissions.append(s)
                }
            }
        }
        #expect(submissions.count > 200)
        for s in submissions { #expect(s.contentHash == Self.joinedHash(s), "\(s.uuid)") }
    }

    @Test("ASCII choice cells split as the Character reading splits them")
    func choices() throws {
        let store = try Fixture.demoStore()
        let kobo = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)[0]
        let (header, _) = try ReaderGoldenTests.rows(kobo)
        let columns = SurveyColumns.analyse(header: header, forms: try SurveyIngest.forms(store), forced: nil)
        let reader = SubmissionReader(
            columns: columns, resolver: try store.municipalityResolver(),
            categories: Set(try store.categories().map(\.code)))
        let lists = columns.form.fields.compactMap { f -> String? in
            if case .selectMultiple(let list) = f.type { list } else { nil }
        }
        let cells = [
            "food housing", "FOOD Housing", "food;housing , clothing", "food,,housing", " food ", "food\nhousing",
            "food\r\nhousing", "cibo;casa", "night_shelter", "cake", "", " ", "food\thousing", "Food; Housing",
            "food\u{0B}", "\u{0B}food", "transport cost", "it en", "IT  fr", "cost;transport", "cibo e spesa",
            "food é", "it,en,", ";", "\n"
        ]
        var fast = 0
        for list in lists {
            for cell in cells {
                guard let values = reader.asciiChoices(cell, list: list) else { continue }
                fast += 1
                let general = reader.splitChoicesByCharacter(cell, list: list)
                #expect(values == general.found && general.unknown.isEmpty, "\(list): \(cell.debugDescription)")
            }
        }
        #expect(fast >= 20)
    }
}
