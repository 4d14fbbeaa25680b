import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Inputs the fuzzers (`make fuzz`, `Fuzz/`) found crashing a reader, kept in
/// `Tests/Fixtures/fuzz/<target>/` and fed again to the same reader as the harness does: each
/// must now give a result or a clear error.
@Suite("Fuzzer findings")
struct FuzzRegressionTests {
    static let folder = Fixture.root.appendingPathComponent("Tests/Fixtures/fuzz")

    static func inputs(_ target: String) -> [String] {
        let dir = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0).path }
    }

    /// Copies `path` under `suffix` (the readers choose CSV or GeoJSON by the file's name).
    static func copy(_ path: String, suffix: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try Fixture.file("input" + suffix, bytes: Array(data))
    }

    @Test("every fuzzer finding is kept as a test input")
    func findingsExist() {
        let all = ["csv", "geojson", "openinghours", "config"].flatMap(Self.inputs)
        #expect(!all.isEmpty, "Tests/Fixtures/fuzz holds the inputs of the crashes found")
    }

    @Test("CSV findings are read without crashing", arguments: inputs("csv"))
    func csv(_ path: String) throws {
        let file = try Self.copy(path, suffix: ".csv")
        if let stream = try? CSVStream(path: file) {
            while let record = try? stream.next() { _ = record.shapeProblems(columns: 3) }
        }
        _ = try? CSVStream.table(path: file, strict: false)
        _ = try? ServiceFile.read(path: file)
    }

    @Test("GeoJSON findings are read without crashing", arguments: inputs("geojson"))
    func geoJSON(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let features = try? GeoJSONReader.features(from: data), !features.isEmpty {
            _ = try? BoundaryFile.check(features, file: "fuzz.geojson", fields: BoundaryFile.Fields())
        }
        _ = try? ServiceFile.read(path: Self.copy(path, suffix: ".geojson"))
    }

    @Test(
        "opening-hours findings parse, or are refused, and print back the same week",
        arguments: inputs("openinghours"))
    func openingHours(_ path: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        guard let hours = try? OpeningHours.parse(text) else { return }
        let again = try OpeningHours.parse(hours.description)
        #expect(again.week == hours.week, "\(text) → \(hours.description)")
    }

    /// The first finding: `[<defau=t` made toml++ abort the process (an assertion in its key parser).
    @Test("a table header starting with a character no key starts with is refused, naming its line")
    func badTableHeader() throws {
        let path = try Self.copy(
            Self.folder.appendingPathComponent("config/bad-table-header.toml").path,
            suffix: ".toml")
        let error = #expect(throws: AnalysisConfig.ConfigError.self) { try AnalysisConfig.load(path: path) }
        #expect(error?.message.hasPrefix("not valid TOML at line 1, column 2") == true, "\(String(describing: error))")
        for text in ["[default]\nk = 5\n[\n", "[[ <x]]\n", "k = 1\n  [\t\u{1}]\n"] {
            #expect(TOMLHeaderCheck.firstBadHeader(in: text) != nil, "\(text)")
        }
        let fine = "[default]\nsteps = [\n  [1, 2],\n  [{ a = 1 }],\n]\n[\"quoted\"]\n[ category.food ]\nx = \"[<\"\n"
        #expect(TOMLHeaderCheck.firstBadHeader(in: fine) == nil)
    }

    /// The second finding: `steps = { "5" = [}` made toml++ abort (a value expected, `}` found).
    @Test("a '}' inside an open array is refused, naming its line")
    func braceInArray() throws {
        let path = try Self.copy(
            Self.folder.appendingPathComponent("config/brace-in-array.toml").path,
            suffix: ".toml")
        let error = #expect(throws: AnalysisConfig.ConfigError.self) { try AnalysisConfig.load(path: path) }
        #expect(error?.message.hasPrefix("not valid TOML at line 3") == true, "\(String(describing: error))")
        let fine = "a = [1, { b = [2] }]\ns = \"[}\"\nt = \"\"\"\n[}\"\"\"\n# [}\nu = '[}'\n"
        #expect(TOMLHeaderCheck.firstBraceInArray(in: fine) == nil)
        #expect(TOMLHeaderCheck.firstBraceInArray(in: "a = [\n  1,\n}") ?? (0, 0) == (3, 1))
    }

    @Test("TOML findings load or are refused", arguments: inputs("config"))
    func config(_ path: String) throws {
        _ = try? AnalysisConfig.load(path: Self.copy(path, suffix: ".toml"))
    }
}
