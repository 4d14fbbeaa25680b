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
            let summary = try await StoreOpener.open(global.existingLocation()).summary()
            if json {
                print(try JSONOutput.text(summary))
            } else {
                print(Self.summaryText(summary))
            }
        }
    }

    static func summaryText(_ s: StoreSummary) -> String {
        func box(_ b: BoundingBox?) -> String {
            guard let b else { return "—" }
            return String(format: "lon %.4f … %.4f, lat %.4f … %.4f", b.minX, b.maxX, b.minY, b.maxY)
        }
        var lines = [
            text("info.database", ("db", s.database)),
            text(
                "info.municipalities", ("count", s.municipalities), ("provinces", s.provinces.count),
                ("list", s.provinces.joined(separator: ", ")))
        ]
        if s.approximateBoundaries > 0 {
            lines.append("  " + text("info.approximate", ("count", s.approximateBoundaries)))
        }
        if s.repairedBoundaries > 0 { lines.append("  " + text("info.repaired", ("count", s.repairedBoundaries))) }
        lines.append(
            "  "
                + text(
                    "info.population", ("count", s.withPopulation), ("residents", s.totalPopulation),
                    ("years", s.populationYears.map(String.init).joined(separator: ", "))))
        lines.append("  " + text("info.extent", ("extent", box(s.extent))))
        lines.append(text("info.consortium", ("members", s.consortium.members), ("residents", s.consortium.population)))
        if !s.consortium.membersWithoutPopulation.isEmpty {
            let list = s.consortium.membersWithoutPopulation.joined(separator: ", ")
            lines.append("  " + text("info.without_population", ("list", list)))
        }
        if s.consortium.members > 0 {
            lines.append("  " + text("info.extent", ("extent", box(s.consortium.extent))))
            lines.append("  \(s.consortium.names.joined(separator: ", "))")
        }
        lines.append(
            text(
                "info.services", ("count", s.services), ("categories", s.categories),
                ("unverified", s.servicesUnverified), ("approximate", s.servicesApproximate)))
        lines.append(
            text(
                "info.surveys", ("user", s.userSubmissions), ("operator", s.operatorSubmissions),
                ("batches", s.batches), ("quarantined", s.quarantinedRows)))
        if !s.recentImports.isEmpty {
            lines.append(text("info.recent"))
            for i in s.recentImports {
                lines.append(
                    "  "
                        + text(
                            "info.import", ("at", i.at), ("kind", i.kind), ("source", i.source),
                            ("added", i.added), ("updated", i.updated), ("unchanged", i.unchanged),
                            ("note", i.note.map { "; \($0)" } ?? "")))
            }
        }
        return lines.joined(separator: "\n")
    }
}
