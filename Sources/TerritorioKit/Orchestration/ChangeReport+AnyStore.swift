import Foundation
import TerritorioCore
import TerritorioStoreAPI

extension ChangeReport {
    /// The change report between the rounds `from` and `to` of a store of either backend.
    public static func make(
        reading store: any AnalysisStore & RoundStore, from: String, to: String, config: AnalysisConfig,
        only: [String] = [], costsFile: String? = nil
    ) async throws -> ChangeReport {
        let all = try await store.rounds()
        func named(_ name: String) throws -> SurveyRound {
            guard let round = all.first(where: { $0.name == name }) else {
                throw RoundError.unknown(name, known: all.map(\.name))
            }
            return round
        }
        let a = try named(from)
        let b = try named(to)
        guard a.start < b.start else { throw RoundError.rangeReversed(from: a.name, to: b.name) }
        let costs = try costsFile.map(GapInputs.readCosts)
        func report(_ r: SurveyRound) async throws -> GapReport {
            let selection = RoundSelection(all: all, chosen: [r])
            let inputs = try await RoundAnalysis.inputs(store: store, selection: selection, costs: costs)
            let analysis = GapAnalysis(inputs: inputs, config: config, only: only)
            return try await RoundAnalysis.report(analysis, store: store, selection: selection)
        }
        return ChangeReport(
            from: a, to: b, before: try await report(a), after: try await report(b),
            history: try await store.serviceHistory(after: nil))
    }
}
