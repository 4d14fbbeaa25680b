import Foundation
import TerritorioCore
import TerritorioStore

extension RoundSelection {
    /// The selection `--round R`, or `--from R1 --to R2` (either end may be left out: the first
    /// or last round), or every submission when none is given.
    public static func resolve(store: Store, round: String?, from: String?, to: String?) throws -> RoundSelection {
        try resolve(all: try store.rounds(), round: round, from: from, to: to)
    }
}
