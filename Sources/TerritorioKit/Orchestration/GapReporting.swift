import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioStore

/// The gap analysis and report of a database, as `territorio report`, `territorio map` and the
/// web app ask for them: one library call each; the caller only turns failures into its messages.
public enum GapReporting {
    /// Why an analysis cannot be made.
    public enum Failure: Error, Equatable {
        /// `name` is neither the code nor a label of a category; `valid` lists them for people.
        case unknownCategory(name: String, valid: String)
        /// The database has no consortium municipalities.
        case noConsortium
    }

    /// The analysis of `store` with `config`, and the codes of `categories` (codes or labels, e.g.
    /// "cibo" for food, listed in `language` when one is unknown). With `restrict`, only those
    /// categories are analysed.
    public static func analysis(
        store: Store, config: AnalysisConfig, categories: [String], restrict: Bool = true,
        costsFile: String? = nil, language: String
    ) throws -> (analysis: GapAnalysis, codes: [String]) {
        try analysis(
            inputs: GapInputs.load(from: store, costsFile: costsFile), config: config, categories: categories,
            restrict: restrict, language: language)
    }

    /// The same, on inputs already read (from a store of either backend).
    public static func analysis(
        inputs: GapInputs, config: AnalysisConfig, categories: [String], restrict: Bool = true, language: String
    ) throws -> (analysis: GapAnalysis, codes: [String]) {
        let codes = try categories.map { name in
            guard let c = Category.named(name, in: inputs.categories) else {
                throw Failure.unknownCategory(
                    name: name, valid: Category.listing(inputs.categories, language: language))
            }
            return c.code
        }
        guard !inputs.municipalities.isEmpty else { throw Failure.noConsortium }
        return (GapAnalysis(inputs: inputs, config: config, only: restrict ? codes : []), codes)
    }

    /// The report of `analysis` over `selection`: every submission reuses the analysis; chosen
    /// rounds are analysed again on their own submissions and directory (categories in `only`).
    public static func report(
        _ analysis: GapAnalysis, store: Store, selection: RoundSelection, only: [String], costsFile: String?
    ) throws -> GapReport {
        guard selection.chosen != nil else {
            return try RoundAnalysis.report(analysis, store: store, selection: selection)
        }
        return try RoundAnalysis.report(
            store: store, selection: selection, config: analysis.config, only: only, costsFile: costsFile)
    }
}
