/// The keys that an ingest into an empty `submission` table has written so far, kept as hashes
/// (8 bytes a key). A key whose hash is not among them is not stored, since only the ingest's
/// ledger writes the table during its transaction: its lookup can be skipped, and a bulk load
/// probes the key index once a row instead of twice. A hash seen proves nothing (two keys can
/// share one): the key is then looked up as before.
///
/// Bounded, so that memory does not grow with the file: after `limit` keys (2 million: about
/// 40 MB of set) it forgets them all, and every later key is looked up as before.
struct WrittenKeys {
    let limit: Int
    private var hashes = Set<Int>()
    private var full = false

    init(limit: Int = 2_000_000) { self.limit = limit }

    /// False when `key` is certainly not stored.
    func mayHold(_ key: String) -> Bool { full || hashes.contains(key.hashValue) }

    mutating func add(_ key: String) {
        guard !full else { return }
        guard hashes.count < limit else {
            full = true
            hashes = []
            return
        }
        hashes.insert(key.hashValue)
    }
}
