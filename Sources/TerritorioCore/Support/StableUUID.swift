/// Deterministic UUIDs (RFC 9562 version 8, "custom") derived from a kind and a name, so that
/// the same service gets the same id in every export and exports are reproducible.
public enum StableUUID {
    public static func make(_ kind: String, _ name: String) -> String {
        let bytes = Array("\(kind)\u{0}\(name)".utf8)
        var a = fnv1a(bytes, seed: 0xcbf2_9ce4_8422_2325)
        var b = fnv1a(bytes.reversed(), seed: 0x8422_2325_cbf2_9ce4 ^ a)
        a = (a & ~0xF000) | 0x8000  // version 8 in bits 48–51 of the first half
        b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC variant
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        return [String(c[0..<8]), String(c[8..<12]), String(c[12..<16]), String(c[16..<20]), String(c[20..<32])].joined(
            separator: "-")
    }

    package static func fnv1a(_ bytes: some Sequence<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // Final avalanche (splitmix64) so that similar names give unrelated ids.
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}

extension String {
    package func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
