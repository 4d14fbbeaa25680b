import ArgumentParser
import Foundation
import TerritorioKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Maps for planners: the gap level of a category, or the services (SVG, and PNG).",
        subcommands: [Gaps.self, Services.self])

    struct Output: ParsableArguments {
        @Option(help: "it, en, fr or ar.") var lang = "it"
        @Option(help: "The SVG file to write.") var out: String
        @Option(help: "Also render a PNG (with rsvg-convert).") var png: String?

        func validate() throws {
            guard Phrases.languages.contains(lang) else { throw ValidationError("--lang must be it, en, fr or ar") }
        }

        func write(_ map: SVGMap) throws {
            try AtomicFile.write(map.svg(), to: out)
            say("Wrote \(out).")
            if let png {
                try Maps.png(svgPath: out, pngPath: png)
                say("Wrote \(png).")
            }
        }
    }

    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choropleth of the gap level of one category, with the services that answer it.",
            discussion: "Hatched: insufficient data; cross-hatched: withheld (small numbers). Projection: UTM 32N.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The category code (e.g. food).") var category: String
        @OptionGroup var output: Output
        @Option(help: "Analysis parameters (TOML).") var config: String?
        @Option(help: "A cost matrix CSV.") var costs: String?

        func run() throws {
            try reportingFailures {
                let (analysis, store) = try ReportCommand.analysis(global, categories: [], costs: costs, config: config)
                try output.write(try Maps.gaps(report: RoundAnalysis.report(analysis, store: store),
                    category: category, language: output.lang, store: store))
            }
        }
    }

    struct Services: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "All services, coloured by category; hollow circles are unverified.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: Output

        func run() throws {
            try reportingFailures {
                let store = try Store.open(at: global.database)
                try output.write(try Maps.services(inputs: try GapInputs.load(from: store), language: output.lang, store: store))
            }
        }
    }
}
