/// k-anonymity for the user rows of the submissions export, after the global recoding of
/// ``Generalisation``, by **Mondrian** partitioning (LeFevre, DeWitt and Ramakrishnan, "Mondrian
/// multidimensional k-anonymity", ICDE 2006, strict partitioning): the rows are split in two,
/// again and again, on the quasi-identifier with the widest spread of values in the part (as a
/// share of its values in the whole export), at the boundary between two values nearest the
/// middle that leaves at least k rows on each side. When no part can be split any more, every
/// row of a part publishes, for each quasi-identifier, the part's values: one value as it is,
/// several as a set (`18_29|30_44`; `n/a` for "not answered" within a set), every value of
/// the export as `*` (suppressed). Each part has k rows or more, so each published combination
/// is shared by k rows. The analytic variables (needs, urgency, barriers) are never touched.
public enum Anonymiser {
    /// The quasi-identifiers, in the order in which equal spreads are split.
    public static let quasiIdentifiers = ["zone", "quarter", "age_group", "household_size", "languages"]
    /// Ordered by frequency (most frequent first) rather than by value.
    package static let nominal: Set<String> = ["languages"]
    /// A value published as "any value": every value of the export was in the part.
    public static let suppressed = "*"
    /// "Not answered" inside a set of values (alone, it stays empty).
    public static let unanswered = "n/a"

    /// What the partitioning did.
    public struct Result: Sendable {
        /// The rows (same order), generalised; nil for a withheld row.
        public var rows: [[String: String]?]
        /// Rows withheld: all of them when there are fewer than k.
        public var withheld: Int
        /// Values published as a set of several values, and as `*`, per quasi-identifier.
        public var mergedValues: [String: Int]
        public var suppressedValues: [String: Int]
    }

    /// `rows` maps each of ``quasiIdentifiers`` to its (recoded) value, "" when not answered.
    public static func apply(_ rows: [[String: String]], k: Int) -> Result {
        guard rows.count >= k else {
            return Result(rows: rows.map { _ in nil }, withheld: rows.count, mergedValues: [:], suppressedValues: [:])
        }
        let ranks = Dictionary(uniqueKeysWithValues: quasiIdentifiers.map { ($0, domain($0, rows)) })
        var parts: [[Int]] = []
        partition(Array(rows.indices), rows: rows, ranks: ranks, k: k, into: &parts)
        var result = Result(rows: rows.map { Optional($0) }, withheld: 0, mergedValues: [:], suppressedValues: [:])
        for part in parts { publish(part, rows: rows, ranks: ranks, into: &result) }
        return result
    }

    /// Each value of `attribute` and its rank in the attribute's order.
    package static func domain(_ attribute: String, _ rows: [[String: String]]) -> [String: Int] {
        let counts = Dictionary(rows.map { ($0[attribute] ?? "", 1) }, uniquingKeysWith: +)
        let ordered =
            nominal.contains(attribute)
            ? counts.keys.sorted { (-counts[$0]!, $0) < (-counts[$1]!, $1) } : counts.keys.sorted()
        return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    }

    package static func partition(
        _ part: [Int], rows: [[String: String]], ranks: [String: [String: Int]], k: Int,
        into parts: inout [[Int]]
    ) {
        let spread = { (a: String) in Double(Set(part.map { rows[$0][a] ?? "" }).count) / Double(ranks[a]!.count) }
        let order = quasiIdentifiers.enumerated().sorted { (-spread($0.1), $0.0) < (-spread($1.1), $1.0) }.map(\.1)
        for attribute in order {
            guard let (left, right) = cut(part, on: attribute, rows: rows, rank: ranks[attribute]!, k: k) else {
                continue
            }
            partition(left, rows: rows, ranks: ranks, k: k, into: &parts)
            partition(right, rows: rows, ranks: ranks, k: k, into: &parts)
            return
        }
        parts.append(part)
    }

    /// `part` cut in two between two values of `attribute`, as near the middle as possible,
    /// with at least k rows on each side; nil when no such cut exists.
    package static func cut(
        _ part: [Int], on attribute: String, rows: [[String: String]], rank: [String: Int],
        k: Int
    ) -> ([Int], [Int])? {
        let value = { (i: Int) in rank[rows[i][attribute] ?? ""]! }
        let sorted = part.sorted { (value($0), $0) < (value($1), $1) }
        let n = sorted.count
        guard n >= 2 * k else { return nil }
        let cuts = (k...(n - k)).filter { value(sorted[$0]) != value(sorted[$0 - 1]) }
        guard let best = cuts.min(by: { abs(2 * $0 - n) < abs(2 * $1 - n) }) else { return nil }
        return (Array(sorted[..<best]), Array(sorted[best...]))
    }

    /// Writes the part's values into its rows, and counts what was merged or suppressed.
    package static func publish(
        _ part: [Int], rows: [[String: String]], ranks: [String: [String: Int]],
        into result: inout Result
    ) {
        for attribute in quasiIdentifiers {
            let rank = ranks[attribute]!
            let values = Set(part.map { rows[$0][attribute] ?? "" }).sorted { rank[$0]! < rank[$1]! }
            guard values.count > 1 else { continue }
            let published: String
            if values.count == rank.count {
                published = suppressed
                result.suppressedValues[attribute, default: 0] += part.count
            } else {
                published = values.map { $0.isEmpty ? unanswered : $0 }.joined(separator: "|")
                result.mergedValues[attribute, default: 0] += part.count
            }
            for i in part { result.rows[i]![attribute] = published }
        }
    }
}
