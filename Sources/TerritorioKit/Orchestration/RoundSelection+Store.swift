import Foundation
import TerritorioCore
import TerritorioStore

extension RoundSelection {
    /// The selection `--round R`, or `--from R1 --to R2` (either end may be left out: the first
    /// or last round), or every submission when none is given.
    public static func resolve(store: Store, round: String?, from: String?, to: String?) throws -> RoundSelection {
        let all = try store.rounds()
        func index(_ name: String) throws -> Int {
            guard let i = all.firstIndex(where: { $0.name == name }) else {
                throw RoundError.unknown(name, known: all.map(\.name))
            }
            return i
        }
        if let round { return RoundSelection(all: all, chosen: [all[try index(round)]]) }
        guard from != nil || to != nil else { return RoundSelection(all: all, chosen: nil) }
        let first = try from.map(index) ?? 0
        let last = try to.map(index) ?? all.count - 1
        guard first <= last else { throw RoundError.rangeReversed(from: all[first].name, to: all[last].name) }
        return RoundSelection(all: all, chosen: Array(all[first...last]))
    }
}
