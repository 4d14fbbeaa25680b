import Foundation
import TerritorioCore
import TerritorioStore

extension ChangeReport {
    /// The change report between the rounds `from` and `to` of `store`.
    public static func make(
        store: Store, from: String, to: String, config: AnalysisConfig, only: [String] = [],
        costsFile: String? = nil
    ) throws -> ChangeReport {
        let all = try store.rounds()
        let a = try store.round(named: from)
        let b = try store.round(named: to)
        guard a.start < b.start else { throw RoundError.rangeReversed(from: a.name, to: b.name) }
        func report(_ r: SurveyRound) throws -> GapReport {
            try RoundAnalysis.report(
                store: store, selection: RoundSelection(all: all, chosen: [r]), config: config,
                only: only, costsFile: costsFile)
        }
        return ChangeReport(
            from: a, to: b, before: try report(a), after: try report(b),
            history: try store.serviceHistory())
    }
}
