import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what the database holds: municipalities, consortium, population, extent, last imports.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let summary = try await StoreOpener.open(global.existingStore()).summary()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(Self.text(summary))
            }
        }
    }

    static func text(_ s: StoreSummary) -> String {
        func box(_ b: BoundingBox?) -> String {
            guard let b else { return "—" }
            return String(format: "lon %.4f … %.4f, lat %.4f … %.4f", b.minX, b.maxX, b.minY, b.maxY)
        }
        var lines = [
            "Database: \(s.database)",
            "Municipalities: \(s.municipalities) in \(s.provinces.count) province(s) (\(s.provinces.joined(separator: ", ")))",
        ]
        if s.approximateBoundaries > 0 {
            lines.append("  approximate boundaries: \(s.approximateBoundaries) (import the official ISTAT boundaries to replace them)")
        }
        if s.repairedBoundaries > 0 { lines.append("  repaired geometries: \(s.repairedBoundaries)") }
        lines.append("  with population: \(s.withPopulation) (\(s.totalPopulation.formatted()) residents; year \(s.populationYears.map(String.init).joined(separator: ", ")))")
        lines.append("  extent: \(box(s.extent))")
        lines.append("Consortium: \(s.consortium.members) members, \(s.consortium.population.formatted()) residents")
        if !s.consortium.membersWithoutPopulation.isEmpty {
            lines.append("  members without population: \(s.consortium.membersWithoutPopulation.joined(separator: ", "))")
        }
        if s.consortium.members > 0 {
            lines.append("  extent: \(box(s.consortium.extent))")
            lines.append("  \(s.consortium.names.joined(separator: ", "))")
        }
        lines.append("Services: \(s.services) in \(s.categories) categories (\(s.servicesUnverified) not verified, \(s.servicesApproximate) with approximate location)")
        lines.append("Survey submissions: \(s.userSubmissions) user, \(s.operatorSubmissions) operator, from \(s.batches) files; \(s.quarantinedRows) rows in quarantine")
        if !s.recentImports.isEmpty {
            lines.append("Recent imports:")
            for i in s.recentImports {
                lines.append("  \(i.at)  \(i.kind): \(i.source) (\(i.added) added, \(i.updated) updated, \(i.unchanged) unchanged)\(i.note.map { "; \($0)" } ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }
}
