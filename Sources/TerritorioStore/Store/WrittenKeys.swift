/// The keys that an ingest into an empty `submission` table has written so far, kept as hashes
/// (8 bytes a key). A key whose hash is not among them is not stored, since only the ingest's
/// ledger writes the table during its transaction: its lookup can be skipped, and a bulk load
/// probes the key index once a row instead of twice. A hash seen proves nothing (two keys can
/// share one): the key is then looked up as before.
struct WrittenKeys {
    private var hashes = Set<Int>()

    /// False when `key` is certainly not stored.
    func mayHold(_ key: String) -> Bool { hashes.contains(key.hashValue) }

    mutating func add(_ key: String) { hashes.insert(key.hashValue) }
}
