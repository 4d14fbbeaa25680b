import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit

/// The byte-level fast paths of a large ingest give what the general code gives, on the inputs
/// they take (and decline the rest).
@Suite("Fast paths equal the general code")
struct FastPathEquivalenceTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func randomText(_ alphabet: [Character], length: ClosedRange<Int>, using rng: inout Seeded) -> String {
        String((0..<Int.random(in: length, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    @Test("name normalisation: ASCII without Foundation equals the folding path")
    func normalisation() {
        var rng = Seeded(state: 11)
        let ascii = (0..<128).map { Character(UnicodeScalar(UInt8($0))) }
        let names = ["Capriata D'orba", "  Novi-Ligure / Gavi ", "SAN\tCRISTOFORO", "a--b", "x.y", "'", ""]
        for text in names + (0..<3000).map({ _ in Self.randomText(ascii, length: 0...20, using: &rng) }) {
            #expect(
                TextMatching.normalizedASCII(text) == TextMatching.normalizedUnicode(text), "\(text.debugDescription)")
        }
        #expect(TextMatching.normalizedASCII("Cantù") == nil)
        #expect(TextMatching.normalized("Cantù") == "cantu")
    }

    @Test("survey times: the strict reader gives the general reader's answer, or declines")
    func surveyTimes() {
        var rng = Seeded(state: 12)
        let samples = [
            "2026-05-01T10:11:12", "2026-05-01 10:11:12.123Z", "2026-05-01T00:30:00.000+02:00",
            "2026-01-01T00:10:00+0130", "2026-12-31T23:59:60-14:00", "2026-02-30T10:00:00", "2026-05-01T24:00:00",
            "2026-05-01T10:60:00", "2026-05-01T10:00:00+15:00", "2026-05-01T10:00:00+02:60", "2026-05-01X10:00:00",
            "2026-05-01T1:00:000", "2026-05-01T10:00:00+2:00", "2026-05-01T10:00:00 +02:00", "2026-05-01T10:00:00z",
            "01/05/2026 10:11:12", "2026-05-01T10:00:00+02:00:00", "2026-05-01T-1:00:00"
        ]
        let alphabet = Array("0123456789-:T .Z+z/")
        var random: [String] = []
        for _ in 0..<4000 {
            var s = Array(samples.randomElement(using: &rng)!)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                s[Int.random(in: 0..<s.count, using: &rng)] = alphabet.randomElement(using: &rng)!
            }
            random.append(String(s))
        }
        for text in samples + random {
            if let strict = SurveyTime.parseStrict(text) {
                #expect(strict == SurveyTime.parseLoose(text), "\(text)")
            }
        }
        #expect(SurveyTime.parse("2026-05-01T00:30:00.000+02:00") == "2026-04-30T22:30:00")
        #expect(SurveyTime.parseStrict("2026-05-01T10:11:12") != nil)
    }
}
