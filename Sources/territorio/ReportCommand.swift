import ArgumentParser
import Foundation
import TerritorioKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Coverage-gap reports per municipality and need category.",
        subcommands: [Gaps.self, Summary.self, ReportChangesCommand.self])

    /// Options shared by the report commands.
    struct AnalysisOptions: ParsableArguments {
        @Option(name: .customLong("category"), help: "Only these categories (repeat the option); default all.")
        var categories: [String] = []

        @Option(help: "A cost matrix CSV (origin = ISTAT code, destination = service id, cost) instead of great-circle km.")
        var costs: String?

        @Option(help: "Analysis parameters (TOML); default: territorio.toml next to the database, else built-in defaults.")
        var config: String?

        /// The analysis; `warnWithoutServices` says on stderr when the database has no services.
        func analysis(_ global: GlobalOptions, warnWithoutServices: Bool = true) throws -> (GapAnalysis, Store) {
            try ReportCommand.analysis(global, categories: categories, costs: costs, config: config,
                                       warnWithoutServices: warnWithoutServices)
        }
    }

    /// The gap analysis of `database` with the given parameters (shared by report and map).
    static func analysis(_ global: GlobalOptions, categories: [String], costs: String?, config: String?,
                         warnWithoutServices: Bool = true) throws -> (GapAnalysis, Store) {
            let database = try global.existingDatabase()
            let parameters = try global.analysisConfig(explicit: config)
            let store = try Store.open(at: database)
            let inputs = try GapInputs.load(from: store, costsFile: costs)
            let unknown = categories.filter { c in !inputs.categories.contains { $0.code == c } }
            guard unknown.isEmpty else {
                throw ValidationError("unknown category \(unknown.joined(separator: ", ")); the categories are: \(inputs.categories.map(\.code).joined(separator: ", "))")
            }
            guard !inputs.municipalities.isEmpty else {
                throw InputError(file: database, kind: .invalid, "the consortium has no members: set them with `territorio consortium set`")
            }
            if warnWithoutServices && inputs.services.isEmpty { say("warning: " + GapReport.noServicesWarning) }
            return (GapAnalysis(inputs: inputs, config: parameters, only: categories), store)
    }

    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the gap report: GeoJSON (a ready choropleth layer for QGIS) or CSV.",
            discussion: """
                One feature per consortium municipality with flat properties per category: \
                <code>_user_reports, _operator_requests, _operator_unmet, _need_per_1000, _responses, \
                _services_local, _nearest_cost, _nearest_service, _access, _access_ratio, \
                _awareness_gap, _language_gap, _gap_level. Counts below k (default 5) and what is \
                derived from them are published as null with a <name>_suppressed flag. \
                The method is in docs/method.md.
                """)

        enum Format: String, ExpressibleByArgument { case geojson, csv }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: AnalysisOptions
        @OptionGroup var rounds: RoundOptions
        @Option(help: "geojson or csv.") var format: Format = .geojson
        @Option(help: "The output file (default: standard output).") var out: String?
        @Flag(help: "Leave out the generation time, so that the same data give identical bytes.") var noTimestamp = false

        func run() throws {
            try reportingFailures {
                let (all, store) = try options.analysis(global)
                let selection = try rounds.selection(store)
                let report = selection.chosen == nil ? try RoundAnalysis.report(all, store: store, selection: selection)
                    : try RoundAnalysis.report(store: store, selection: selection, config: all.config,
                                               only: options.categories, costsFile: options.costs)
                let analysis = report.analysis
                let text = format == .geojson
                    ? try report.geoJSON(store: store, timestamp: noTimestamp ? nil : Date(), costsFile: options.costs)
                    : try report.csv()
                if let out {
                    try AtomicFile.write(text, to: out)
                    say("Wrote \(out): \(analysis.inputs.municipalities.count) municipalities × "
                        + "\(analysis.categories.count) categories (k = \(analysis.config.k)), \(selection.label).")
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The consortium table per category: population within reach, municipalities without a service, totals, gap levels.")

        enum Format: String, ExpressibleByArgument { case text, csv, json }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: AnalysisOptions
        @Option(help: "text, csv or json.") var format: Format = .text

        func run() throws {
            try reportingFailures {
                // The text table carries the warning itself (see below); csv and json get it on stderr.
                let (analysis, store) = try options.analysis(global, warnWithoutServices: format != .text)
                let report = try RoundAnalysis.report(analysis, store: store)
                var text = try Self.render(report.summary(), format: format, k: analysis.config.k)
                if format == .text && report.hasNoServices {
                    text = "warning: " + GapReport.noServicesWarning + "\n" + text
                }
                print(text, terminator: "")
            }
        }

        static func render(_ rows: [GapReport.SummaryRow], format: Format, k: Int) throws -> String {
            let levels = GapLevel.allCases.map(\.rawValue) + ["suppressed"]
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                return String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
            case .csv:
                let header = ["category", "label", "population_within_reach_share", "municipalities_without_service", "user_reports",
                              "operator_requests", "operator_unmet", "responses"] + levels.map { "gap_\($0)" }
                return try CSVText.make(header: header, rows: rows.map { r in
                    [r.category, r.label, String(format: "%.4f", r.populationWithinReachShare), r.municipalitiesWithoutService.joined(separator: "; "),
                     n(r.userReports), n(r.operatorRequests), n(r.operatorUnmet), n(r.responses)] + levels.map { String(r.levels[$0] ?? 0) }
                })
            case .text:
                func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
                    let fill = String(repeating: " ", count: max(0, width - s.count))
                    return right ? fill + s : s + fill
                }
                var lines = [pad("category", 20) + pad("reach", 8, right: true) + pad("none", 6, right: true)
                             + pad("reports", 9, right: true) + pad("requests", 10, right: true) + "  gap levels (municipalities)"]
                for r in rows {
                    let levelText = levels.compactMap { l in r.levels[l].map { "\(l) \($0)" } }.joined(separator: ", ")
                    lines.append(pad(r.category, 20) + pad(String(format: "%.1f%%", r.populationWithinReachShare * 100), 8, right: true)
                                 + pad(String(r.municipalitiesWithoutService.count), 6, right: true)
                                 + pad(r.userReports.map(String.init) ?? "—", 9, right: true)
                                 + pad(r.operatorRequests.map(String.init) ?? "—", 10, right: true) + "  " + levelText)
                }
                lines.append("reach: share of the population with a service within reach; none: municipalities without one;")
                lines.append("— : withheld (counts below k = \(k), or totals that would reveal them).")
                return lines.joined(separator: "\n") + "\n"
            }
        }
    }
}
