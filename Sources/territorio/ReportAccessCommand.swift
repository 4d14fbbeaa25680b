import ArgumentParser
import Foundation
import TerritorioKit

/// `territorio report access`: the accessibility index alone, through the lean path
/// (``AccessInputs``, ``AccessIndex``), on either backend.
struct ReportAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Write the accessibility index (2SFCA) alone, per municipality and category, as CSV.",
        discussion: text("access.help"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ReportCommand.AnalysisOptions
    @Option(help: "The output file (default: standard output).") var out: String?

    func run() async throws {
        try await reportingFailures {
            let config = try global.analysisConfig(explicit: options.config)
            let costs = try options.costs.map(GapInputs.readCosts)
            let store = try await global.existingAnyStore()
            let codes = try Self.codes(options.categories, taxonomy: try await store.categories())
            let inputs = try await store.accessInputs(only: codes.isEmpty ? nil : codes)
            guard !inputs.demand.codes.isEmpty else {
                throw InputError(file: global.databaseName, text("db.no_consortium"))
            }
            // Said of the whole directory only (a chosen category may have no service of its own).
            if codes.isEmpty && inputs.hasNoServices { say(text("warning", ("message", GapReport.noServicesWarning))) }
            let index = AccessIndex(inputs: inputs, config: config, only: codes, costs: costs)
            let csv = Data(index.csv())
            if let out {
                try AtomicFile.write(csv, to: out)
                say(
                    text(
                        "access.wrote", ("file", out), ("municipalities", inputs.demand.codes.count),
                        ("categories", index.categories.count)))
            } else {
                FileHandle.standardOutput.write(csv)
            }
        }
    }

    /// The codes of `names` (codes or labels, e.g. "cibo" for food).
    static func codes(_ names: [String], taxonomy: [Category]) throws -> [String] {
        try names.map { name in
            guard let c = Category.named(name, in: taxonomy) else {
                throw ValidationError(
                    text(
                        "usage.unknown_category", ("found", Echo.value(name)),
                        ("categories", Category.listing(taxonomy, language: Messages.language))))
            }
            return c.code
        }
    }
}
