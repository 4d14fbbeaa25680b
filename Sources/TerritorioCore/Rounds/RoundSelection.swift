import Foundation

/// Which survey rounds a report covers: one round, a range of consecutive rounds, or every
/// submission (no round chosen).
public struct RoundSelection: Sendable {
    /// Every round of the database, oldest first.
    public var all: [SurveyRound]
    /// The chosen rounds (consecutive, oldest first); nil for every submission.
    public var chosen: [SurveyRound]?

    public init(all: [SurveyRound], chosen: [SurveyRound]?) {
        self.all = all
        self.chosen = chosen
    }

    /// The selection `--round R`, or `--from R1 --to R2` (either end may be left out: the first
    /// or last round), or every submission when none is given, among the rounds `all` (oldest first).
    public static func resolve(all: [SurveyRound], round: String?, from: String?, to: String?) throws
        -> RoundSelection
    {
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

    /// The chosen rounds' names (nil: every submission).
    public var names: [String]? { chosen?.map(\.name) }

    /// The last day covered: the directory is taken as it was then (nil: as it is now).
    public var endDate: String? { chosen?.last?.end }

    /// For people: `2026-autunno`, `2026-estate … 2026-autunno`, or `all rounds`.
    public var label: String {
        guard let chosen, let first = chosen.first, let last = chosen.last else {
            return Messages.text("msg3.round.all")
        }
        return first.name == last.name ? first.name : "\(first.name) … \(last.name)"
    }

    /// The ranges of consecutive rounds inside this selection, other than the selection itself:
    /// the reports an attacker could subtract from this one.
    public var subRanges: [RoundSelection] {
        let pool = chosen ?? all
        var ranges: [RoundSelection] = []
        for a in pool.indices {
            for b in a..<pool.count where !(chosen != nil && a == pool.startIndex && b == pool.count - 1) {
                ranges.append(RoundSelection(all: all, chosen: Array(pool[a...b])))
            }
        }
        return ranges
    }
}
