/// Disclosure control across survey rounds (docs/method.md, "Rounds and changes").
///
/// A report over several rounds (or over every submission) and a report over some of those rounds
/// count nested sets of people: their difference is a count too. A cell of the wider report is
/// withheld when, for any narrower range of consecutive rounds, the difference is from 1 to k−1.
/// Single-round reports are protected as before; a change is published only where both sides are.
public enum RoundDisclosure {
    /// The counts compared: the report's counts and the numerators of its shares.
    package static let names = GapReport.countNames + ["dont_know_where", "language_mismatch"]

    package static func count(_ name: String, _ g: Gap) -> Int? {
        switch name {
        case "dont_know_where": g.dontKnowWhere
        case "language_mismatch": g.languageMismatch
        default: GapReport.count(name, g)
        }
    }

    /// The cells of `target` to withhold (category → count name → municipality indices) so that
    /// no difference with a report over one of `narrower` reveals a count below k.
    public static func withheld(target: GapAnalysis, narrower: [GapAnalysis], k: Int)
        -> [String: [String: Set<Int>]]
    {
        let control = DisclosureControl(k: k)
        var out: [String: [String: Set<Int>]] = [:]
        for c in target.categories {
            let wide = target.gaps[c.code]!
            for sub in narrower {
                guard let narrow = sub.gaps[c.code] else { continue }
                for name in names {
                    for i in wide.indices where i < narrow.count {
                        let difference = (count(name, wide[i]) ?? 0) - (count(name, narrow[i]) ?? 0)
                        if control.isSmall(abs(difference)) { out[c.code, default: [:]][name, default: []].insert(i) }
                    }
                }
            }
        }
        return out
    }
}
