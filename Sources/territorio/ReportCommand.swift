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

        @Option(
            help: "A cost matrix CSV (origin = ISTAT code, destination = service id, cost) instead of great-circle km.")
        var costs: String?

        @Option(
            help: "Analysis parameters (TOML); default: territorio.toml next to the database, else built-in defaults.")
        var config: String?

        /// The analysis; `warnWithoutServices` says on stderr when the database has no services.
        func analysis(_ global: GlobalOptions, warnWithoutServices: Bool = true) throws -> (GapAnalysis, Store) {
            let (analysis, store, _) = try ReportCommand.analysis(
                global, categories: categories, costs: costs,
                config: config, warnWithoutServices: warnWithoutServices)
            return (analysis, store)
        }
    }

    /// The gap analysis of `database` with the given parameters (shared by report and map), and
    /// the codes of `categories` (given by code or by label, e.g. "cibo" for food). With
    /// `restrict`, only those categories are analysed.
    static func analysis(
        _ global: GlobalOptions, categories: [String], restrict: Bool = true, costs: String?,
        config: String?, warnWithoutServices: Bool = true
    ) throws -> (GapAnalysis, Store, [String]) {
        let database = try global.existingDatabase()
        let parameters = try global.analysisConfig(explicit: config)
        let store = try Store.open(at: database)
        do {
            let (analysis, codes) = try GapReporting.analysis(
                store: store, config: parameters, categories: categories, restrict: restrict, costsFile: costs,
                language: Messages.language)
            if warnWithoutServices && analysis.inputs.services.isEmpty {
                say("warning: " + GapReport.noServicesWarning)
            }
            return (analysis, store, codes)
        } catch GapReporting.Failure.unknownCategory(let name, let valid) {
            throw ValidationError(text("usage.unknown_category", ("found", Echo.value(name)), ("categories", valid)))
        } catch GapReporting.Failure.noConsortium {
            throw InputError(file: database, text("db.no_consortium"))
        }
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
        @Flag(help: "Leave out the generation time, so that the same data give identical bytes.") var noTimestamp =
            false

        func run() throws {
            try reportingFailures {
                let (all, store) = try options.analysis(global)
                let selection = try rounds.selection(store)
                let report = try GapReporting.report(
                    all, store: store, selection: selection, only: options.categories, costsFile: options.costs)
                let analysis = report.analysis
                let output =
                    format == .geojson
                    ? try report.geoJSON(store: store, timestamp: noTimestamp ? nil : Date(), costsFile: options.costs)
                    : try report.csv()
                if let out {
                    try AtomicFile.write(output, to: out)
                    say(
                        text(
                            "report.wrote", ("file", out), ("municipalities", analysis.inputs.municipalities.count),
                            ("categories", analysis.categories.count), ("k", analysis.config.k))
                            + " (\(selection.label))")
                } else {
                    FileHandle.standardOutput.write(Data(output.utf8))
                }
            }
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The consortium table per category: population within reach, municipalities without a service, totals, gap levels."
        )

        enum Format: String, ExpressibleByArgument { case text, csv, json }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: AnalysisOptions
        @Option(help: "text, csv or json.") var format: Format = .text
        @Option(help: "The language of the labels and headings: it, en, fr or ar (default: the locale's).")
        var lang: Language?

        func validate() throws {
            Messages.use(lang?.rawValue)
        }

        func run() throws {
            try reportingFailures {
                // The text table carries the warning itself (see below); csv and json get it on stderr.
                let (analysis, store) = try options.analysis(global, warnWithoutServices: format != .text)
                let report = try RoundAnalysis.report(analysis, store: store)
                var output = try Self.render(
                    report.summary(language: Messages.language), format: format,
                    k: analysis.config.k)
                if format == .text && report.hasNoServices {
                    output = "warning: " + GapReport.noServicesWarning + "\n" + output
                }
                print(output, terminator: "")
            }
        }

        static func render(_ rows: [GapReport.SummaryRow], format: Format, k: Int) throws -> String {
            let levels = GapLevel.allCases.map(\.rawValue) + ["suppressed"]
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            switch format {
            case .json:
                return try JSONOutput.text(rows) + "\n"
            case .csv:
                let header =
                    [
                        "category", "label", "population_within_reach_share", "municipalities_without_service",
                        "user_reports",
                        "operator_requests", "operator_unmet", "responses"
                    ] + levels.map { "gap_\($0)" }
                return try CSVText.make(
                    header: header,
                    rows: rows.map { r in
                        [
                            r.category, r.label, String(format: "%.4f", r.populationWithinReachShare),
                            r.municipalitiesWithoutService.joined(separator: "; "),
                            n(r.userReports), n(r.operatorRequests), n(r.operatorUnmet), n(r.responses)
                        ] + levels.map { String(r.levels[$0] ?? 0) }
                    })
            case .text:
                func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
                    let fill = String(repeating: " ", count: max(0, width - s.count))
                    return right ? fill + s : s + fill
                }
                var lines = [
                    pad(text("summary.category"), 20) + pad(text("summary.reach"), 8, right: true)
                        + pad(text("summary.none"), 6, right: true) + pad(text("summary.reports"), 9, right: true)
                        + pad(text("summary.requests"), 10, right: true) + "  " + text("summary.levels")
                ]
                for r in rows {
                    let levelText = levels.compactMap { l in
                        r.levels[l].map { "\(Phrases.text("level.\(l)", Messages.language)) \($0)" }
                    }.joined(separator: ", ")
                    lines.append(
                        pad(r.category, 20)
                            + pad(String(format: "%.1f%%", r.populationWithinReachShare * 100), 8, right: true)
                            + pad(String(r.municipalitiesWithoutService.count), 6, right: true)
                            + pad(r.userReports.map(String.init) ?? "—", 9, right: true)
                            + pad(r.operatorRequests.map(String.init) ?? "—", 10, right: true) + "  " + levelText)
                }
                lines.append(text("summary.legend_reach"))
                lines.append(text("summary.legend_withheld", ("k", k)))
                return lines.joined(separator: "\n") + "\n"
            }
        }
    }
}
