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

    /// The chosen rounds' names (nil: every submission).
    public var names: [String]? { chosen?.map(\.name) }

    /// The last day covered: the directory is taken as it was then (nil: as it is now).
    public var endDate: String? { chosen?.last?.end }

    /// For people: `2026-autunno`, `2026-estate … 2026-autunno`, or `all rounds`.
    public var label: String {
        guard let chosen, let first = chosen.first, let last = chosen.last else { return "all submissions" }
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
