import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Coverage-gap reports per municipality and need category.",
        subcommands: [Gaps.self, Summary.self, ReportChangesCommand.self, ReportAccessCommand.self])

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

        /// The analysis, on a store of either backend; `warnWithoutServices` says on stderr when
        /// the database has no services.
        func analysis(_ global: GlobalOptions, warnWithoutServices: Bool = true) async throws
            -> (GapAnalysis, StoreOpener.AnyStore)
        {
            let store = try await global.existingAnyStore()
            let inputs = try await store.gapInputs(costs: try costs.map(GapInputs.readCosts))
            let (analysis, _) = try ReportCommand.analysis(
                inputs, database: global.databaseName, parameters: try global.analysisConfig(explicit: config),
                categories: categories, warnWithoutServices: warnWithoutServices)
            return (analysis, store)
        }
    }

    /// The analysis of `inputs` (from `database`) and the codes of `categories`.
    static func analysis(
        _ inputs: GapInputs, database: String, parameters: AnalysisConfig, categories: [String],
        restrict: Bool = true, warnWithoutServices: Bool
    ) throws -> (GapAnalysis, [String]) {
        do {
            let (analysis, codes) = try GapReporting.analysis(
                inputs: inputs, config: parameters, categories: categories, restrict: restrict,
                language: Messages.language)
            if warnWithoutServices && analysis.inputs.services.isEmpty {
                say(text("warning", ("message", GapReport.noServicesWarning)))
            }
            return (analysis, codes)
        } catch GapReporting.Failure.unknownCategory(let name, let valid) {
            throw ValidationError(text("usage.unknown_category", ("found", Echo.value(name)), ("categories", valid)))
        } catch GapReporting.Failure.noConsortium {
            throw InputError(file: database, text("db.no_consortium"))
        }
    }

    struct Gaps: AsyncParsableCommand {
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

        func run() async throws {
            try await reportingFailures {
                let (all, store) = try await options.analysis(global)
                let selection = try rounds.selection(try await store.rounds(), database: global.databaseName)
                let report = try await Self.report(all, store: store, selection: selection)
                let analysis = report.analysis
                let output =
                    format == .geojson
                    ? try report.geoJSON(
                        shapes: try await store.consortiumShapes(), timestamp: noTimestamp ? nil : Date(),
                        costsFile: options.costs)
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

    struct Summary: AsyncParsableCommand {
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

        func run() async throws {
            try await reportingFailures {
                // The text table carries the warning itself (see below); csv and json get it on stderr.
                let (analysis, store) = try await options.analysis(global, warnWithoutServices: format != .text)
                let report = try await RoundAnalysis.report(analysis, store: store)
                var output = try Self.render(
                    report.summary(language: Messages.language), format: format,
                    k: analysis.config.k)
                if format == .text && report.hasNoServices {
                    output = text("warning", ("message", GapReport.noServicesWarning)) + "\n" + output
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

extension ReportCommand.Gaps {
    /// The report of `selection`: `all` (every submission) as it is, or the chosen rounds' own
    /// analysis, with what narrower rounds would reveal withheld.
    static func report(_ all: GapAnalysis, store: StoreOpener.AnyStore, selection: RoundSelection) async throws
        -> GapReport
    {
        guard selection.chosen != nil else {
            return try await RoundAnalysis.report(all, store: store, selection: selection)
        }
        let inputs = try await RoundAnalysis.inputs(store: store, selection: selection, costs: all.inputs.costs)
        let analysis = GapAnalysis(inputs: inputs, config: all.config, only: all.categories.map(\.code))
        return try await RoundAnalysis.report(analysis, store: store, selection: selection)
    }
}
