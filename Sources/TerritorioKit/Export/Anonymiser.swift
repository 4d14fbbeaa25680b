/// k-anonymity for the submissions export by local suppression: a row whose combination of
/// quasi-identifiers (municipality, month, age group, household size, needs) is shared by fewer
/// than k rows loses its most specific attributes first — household size, then age group, then
/// needs, then month, then municipality — until its combination is shared by k rows or more.
/// Rows that stay unique with every attribute blanked are withheld (counted, not published).
public enum Anonymiser {
    /// The quasi-identifiers in the order they are given up.
    public static let suppressionOrder = ["household_size", "age_group", "needs", "month", "municipality"]

    /// `rows` maps quasi-identifier name → value ("" = suppressed). Returns the rows to
    /// publish (same order, values blanked where needed) and how many were withheld.
    public static func apply(_ rows: [[String: String]], k: Int) -> (rows: [[String: String]?], withheld: Int, blanked: [String: Int]) {
        var current: [[String: String]?] = rows
        var blanked: [String: Int] = [:]
        func key(_ r: [String: String]) -> String { suppressionOrder.map { r[$0] ?? "" }.joined(separator: "\u{1F}") }
        func smallClasses() -> Set<String> {
            var counts: [String: Int] = [:]
            for r in current { if let r { counts[key(r), default: 0] += 1 } }
            return Set(counts.filter { $0.value < k }.map(\.key))
        }
        for attribute in suppressionOrder {
            let small = smallClasses()
            if small.isEmpty { break }
            for i in current.indices {
                guard let r = current[i], small.contains(key(r)), !(r[attribute] ?? "").isEmpty else { continue }
                current[i]![attribute] = ""
                blanked[attribute, default: 0] += 1
            }
        }
        var withheld = 0
        let small = smallClasses()
        for i in current.indices where current[i].map({ small.contains(key($0)) }) == true {
            current[i] = nil
            withheld += 1
        }
        return (current, withheld, blanked)
    }
}
