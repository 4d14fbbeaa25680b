/// Disclosure control for published counts (docs/privacy.md, docs/method.md).
///
/// - **Primary suppression**: a count from 1 to k−1 is not published (zero is: it concerns nobody).
/// - **Secondary suppression**: where a total is published, the suppressed cells of that total
///   must be at least two and add up to at least k, so that subtracting the published cells from
///   the total reveals no single small count. Published non-zero cells are suppressed in
///   increasing order until that holds; when it cannot hold, the total is not published.
public struct DisclosureControl: Sendable {
    public var k: Int

    public init(k: Int) { self.k = k }

    public func isSmall(_ count: Int?) -> Bool { count.map { $0 > 0 && $0 < k } ?? false }

    /// The cells (indices) to suppress among `counts`, which add up to a published total, and
    /// whether the total may be published. `forced` cells are withheld whatever their count
    /// (e.g. across survey rounds), and protected like small ones.
    public func protect(_ counts: [Int?], forced: Set<Int> = []) -> (suppressed: Set<Int>, totalPublished: Bool) {
        var suppressed = Set(counts.indices.filter { isSmall(counts[$0]) }).union(forced)
        guard !suppressed.isEmpty else { return ([], true) }
        var candidates = counts.indices.filter { !suppressed.contains($0) && (counts[$0] ?? 0) > 0 }
            .sorted { (counts[$0]!, $0) < (counts[$1]!, $1) }
        func hiddenSum() -> Int { suppressed.reduce(0) { $0 + (counts[$1] ?? 0) } }
        while suppressed.count < 2 || hiddenSum() < k {
            guard !candidates.isEmpty else { return (suppressed, false) }
            suppressed.insert(candidates.removeFirst())
        }
        return (suppressed, true)
    }

    /// Protects several totals over the same cells at once: the whole (`counts`) and each group
    /// of indices in `groups` (e.g. the municipalities of one zone, whose total another output
    /// publishes). Suppression only grows, so repeating until nothing changes ends.
    public func protect(_ counts: [Int?], forced: Set<Int> = [], groups: [[Int]]) -> (
        suppressed: Set<Int>, totalPublished: Bool
    ) {
        var (suppressed, totalPublished) = protect(counts, forced: forced)
        var changed = true
        while changed {
            changed = false
            for group in groups where group.count > 1 {
                let local = Set(group.indices.filter { suppressed.contains(group[$0]) })
                let (hidden, _) = protect(group.map { counts[$0] }, forced: local)
                let added = Set(hidden.map { group[$0] }).subtracting(suppressed)
                if !added.isEmpty {
                    suppressed.formUnion(added)
                    changed = true
                }
            }
            let (whole, published) = protect(counts, forced: suppressed)
            if whole.count > suppressed.count {
                suppressed = whole
                changed = true
            }
            totalPublished = published
        }
        return (suppressed, totalPublished)
    }
}
