import Foundation

/// Remembers how the select_multiple cells of one ingest split into choices
/// (``SubmissionReader/splitChoices(_:list:form:)``): an export repeats the same few
/// combinations (`listening`, `food clothing`…) on most of its rows, and splitting a cell costs
/// a lower-cased word and a hashed lookup per word. The split depends only on the cell and the
/// list (the form and the taxonomy are the reader's own), so a remembered split is the split.
/// At most ``capacity`` cells are remembered: memory does not grow with the file.
final class ChoiceMemo: @unchecked Sendable {  // its table is read and written under `lock`
    struct Key: Hashable {
        var list: String
        var raw: String
    }

    typealias Split = (found: [String], unknown: [String])

    static let capacity = 4096
    static let longestCell = 256
    private let lock = NSLock()
    private var table: [Key: Split] = [:]

    /// The split of `raw` in `list`, computed by `split` the first time it is asked for.
    func split(_ raw: String, list: String, _ split: () -> Split) -> Split {
        // Long cells are not remembered: 4,096 entries of short cells stay small, whatever the file.
        guard raw.utf8.count <= Self.longestCell else { return split() }
        let key = Key(list: list, raw: raw)
        if let known = lock.withLock({ table[key] }) { return known }
        let value = split()
        lock.withLock {
            if table.count < Self.capacity { table[key] = value }
        }
        return value
    }
}
