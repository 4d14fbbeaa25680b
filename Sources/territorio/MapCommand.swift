import ArgumentParser
import Foundation
import TerritorioKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Maps for planners: the gap level of a category, or the services (SVG, and PNG).",
        subcommands: [Gaps.self, Services.self])

    struct Output: ParsableArguments {
        @Option(name: .customLong("lang"), help: "it, en, fr or ar (default: it); messages follow it too.")
        var chosenLanguage: Language?
        @Option(help: "The SVG file to write.") var out: String
        @Option(help: "Also render a PNG (librsvg, in-process).") var png: String?

        /// The map's language.
        var lang: String { (chosenLanguage ?? .it).rawValue }

        func validate() throws {
            Messages.use(chosenLanguage?.rawValue)
        }

        func write(_ map: SVGMap) throws {
            try AtomicFile.write(map.svg(), to: out)
            say(text("wrote", ("file", out)))
            if let png {
                try AtomicFile.checkFolder(of: URL(fileURLWithPath: png))
                try Maps.png(svgPath: out, pngPath: png)
                say(text("wrote", ("file", png)))
            }
        }
    }

    struct Gaps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choropleth of the gap level of one category, with the services that answer it.",
            discussion: "Hatched: insufficient data; cross-hatched: withheld (small numbers). Projection: UTM 32N.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The category: its code (e.g. food) or its label (e.g. cibo).") var category: String
        @OptionGroup var output: Output
        @Option(help: "Analysis parameters (TOML).") var config: String?
        @Option(help: "A cost matrix CSV.") var costs: String?

        func run() async throws {
            try await reportingFailures {
                let store = try await global.existingCommandStore()
                let inputs = try await store.gapInputs(costs: try costs.map(GapInputs.readCosts))
                let (analysis, codes) = try ReportCommand.analysis(
                    inputs, database: global.databaseName, parameters: try global.analysisConfig(explicit: config),
                    categories: [category], restrict: false, warnWithoutServices: true)
                let map = try await Maps.gaps(
                    report: try await RoundAnalysis.report(analysis, store: store),
                    category: codes.first ?? category, language: output.lang, from: store)
                try output.write(map)
            }
        }
    }

    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "All services, coloured by category; hollow circles are unverified.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: Output

        func run() async throws {
            try await reportingFailures {
                let store = try await global.existingCommandStore()
                try output.write(try await Maps.services(from: store, language: output.lang))
            }
        }
    }
}
