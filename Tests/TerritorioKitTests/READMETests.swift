import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// The README's path from nothing to a full report with the official data, run exactly as written.
@Suite(
    "README: using the official ISTAT data",
    .enabled(if: Fixture.sharedDataRuns, "needs ../shared/data (skipped: not found; CI=true makes this a failure)"))
struct READMETests {
    /// The `territorio …` lines of the first code block of the README's section `title`.
    static func commands(section title: String) throws -> [[String]] {
        let readme = try String(contentsOf: Fixture.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(
            readme.components(separatedBy: "\n## ").first { $0.hasPrefix(title) }, "no section \(title)")
        let blocks = section.components(separatedBy: "```")
        try #require(blocks.count >= 3, "no code block in \(title)")
        return blocks[1].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("territorio ") }
            .map { $0.split(separator: " ").map(String.init) }
    }

    @Test(
        "every command of the README's official-data section succeeds, in order, and ends with a report, maps and a poster from real boundaries"
    )
    func officialData() throws {
        let commands = try Self.commands(section: "Using the official ISTAT data")
        #expect(commands.count >= 10)
        let folder = try Fixture.temporaryDirectory()
        let links = [
            "data": Fixture.sharedData.path, "GeoData": Fixture.geoData,
            "Surveys": Fixture.root.appendingPathComponent("Surveys").path
        ]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
        }
        for command in commands {
            let result = try CLI.run(Array(command.dropFirst()), in: folder)
            #expect(result.status == 0, "\(command.joined(separator: " ")) exited \(result.status):\n\(result.stderr)")
            if command.dropFirst().first == "info" {
                #expect(result.stdout.contains("Consortium: 29 members"), "\(result.stdout)")
                #expect(!result.stdout.contains("approximate boundaries"), "\(result.stdout)")
            }
        }
        for output in ["territorio.sqlite", "gaps.geojson", "gaps-food.svg", "services.svg", "poster/poster-it.html"] {
            #expect(
                FileManager.default.fileExists(atPath: folder.appendingPathComponent(output).path),
                "\(output) was not written")
        }
        let gaps =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("gaps.geojson")))
            as? [String: Any]
        #expect((gaps?["features"] as? [Any])?.count == 29)
    }
}
