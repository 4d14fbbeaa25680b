import Testing

@testable import TerritorioStore

@Suite("Keys written by an ingest into an empty table")
struct WrittenKeysTests {
    @Test("a key never written is certainly absent; a written one may be stored")
    func remembers() {
        var keys = WrittenKeys()
        #expect(!keys.mayHold("a0"))
        keys.add("a0")
        #expect(keys.mayHold("a0") && !keys.mayHold("a1"))
    }

    @Test("past its limit it forgets everything and sends every key to the lookup (memory stays bounded)")
    func bounded() {
        var keys = WrittenKeys(limit: 3)
        for k in ["k1", "k2", "k3"] { keys.add(k) }
        #expect(!keys.mayHold("k9"))
        keys.add("k4")
        #expect(keys.mayHold("k9") && keys.mayHold("k1") && keys.mayHold("k4"))
    }
}
