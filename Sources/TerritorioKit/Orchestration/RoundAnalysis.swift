import Foundation
import TerritorioCore
import TerritorioStore

/// The gap analysis of a selection of survey rounds: the submissions of those rounds, the
/// directory as it was at the end of the last one, and disclosure control across rounds.
public enum RoundAnalysis {
    /// The inputs of `selection`: its submissions, and the services as they were on its last day.
    public static func inputs(
        store: Store, selection: RoundSelection,
        costs: [String: [String: Double]]? = nil
    ) throws -> GapInputs {
        var inputs = try store.gapInputs(costs: costs, rounds: selection.names)
        if let end = selection.endDate {
            inputs.services = DirectoryHistory.services(
                current: inputs.services,
                undoing: try store.serviceHistory(after: end))
        }
        return inputs
    }

    /// The publishable report of `selection`, withholding what a report over narrower rounds would
    /// reveal by subtraction (``RoundDisclosure``).
    public static func report(
        store: Store, selection: RoundSelection, config: AnalysisConfig, only: [String] = [],
        costsFile: String? = nil
    ) throws -> GapReport {
        let costs = try costsFile.map(GapInputs.readCosts)
        let analysis = GapAnalysis(
            inputs: try inputs(store: store, selection: selection, costs: costs),
            config: config, only: only)
        return try report(analysis, store: store, selection: selection)
    }

    /// The report of an analysis already made for `selection` (every submission by default).
    public static func report(
        _ analysis: GapAnalysis, store: Store,
        selection: RoundSelection? = nil
    ) throws -> GapReport {
        let selection = try selection ?? RoundSelection(all: store.rounds(), chosen: nil)
        let narrower = try selection.subRanges.map {
            try inputs(store: store, selection: $0, costs: analysis.inputs.costs)
        }
        return report(analysis, selection: selection, narrower: narrower)
    }

    /// The report of `analysis` for `selection`, given the inputs of its narrower selections
    /// (``RoundSelection/subRanges``, in that order).
    static func report(_ analysis: GapAnalysis, selection: RoundSelection, narrower: [GapInputs]) -> GapReport {
        let only = analysis.categories.map(\.code)
        let narrower = narrower.map { GapAnalysis(inputs: $0, config: analysis.config, only: only) }
        let extra = RoundDisclosure.withheld(target: analysis, narrower: narrower, k: analysis.config.k)
        var report = GapReport(analysis, alsoWithhold: extra)
        report.rounds = selection.names
        return report
    }

    /// The inputs of `selection` from a store of either backend.
    public static func inputs(
        store: any AnalysisStore & RoundStore, selection: RoundSelection,
        costs: [String: [String: Double]]? = nil
    ) async throws -> GapInputs {
        var inputs = try await store.gapInputs(costs: costs, rounds: selection.names)
        if let end = selection.endDate {
            inputs.services = DirectoryHistory.services(
                current: inputs.services, undoing: try await store.serviceHistory(after: end))
        }
        return inputs
    }

    /// The report of an analysis already made for `selection`, from a store of either backend.
    public static func report(
        _ analysis: GapAnalysis, store: any AnalysisStore & RoundStore, selection: RoundSelection? = nil
    ) async throws -> GapReport {
        let chosen: RoundSelection
        if let selection {
            chosen = selection
        } else {
            chosen = RoundSelection(all: try await store.rounds(), chosen: nil)
        }
        var narrower: [GapInputs] = []
        for sub in chosen.subRanges {
            narrower.append(try await inputs(store: store, selection: sub, costs: analysis.inputs.costs))
        }
        return report(analysis, selection: chosen, narrower: narrower)
    }
}
