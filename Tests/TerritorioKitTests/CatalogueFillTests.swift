import Testing

@testable import TerritorioCore

@Suite("Message placeholders filled in one pass")
struct CatalogueFillTests {
    @Test("a value that holds another placeholder's name is shown as it is, never filled in turn")
    func userTextStaysAsTyped() {
        let filled = Catalogue.fill("found lat \"{lat}\", lon \"{lon}\"", [("lat", "{lon}"), ("lon", "8.7")])
        #expect(filled == "found lat \"{lon}\", lon \"8.7\"")
    }

    @Test("unknown names and lone braces stay; every occurrence of a name is filled")
    func bracesAndRepeats() {
        #expect(Catalogue.fill("{a} {b} {a} { } {", [("a", "1")]) == "1 {b} 1 { } {")
        #expect(Catalogue.fill("{{a}}", [("a", "x")]) == "{x}")
        #expect(Catalogue.fill("none", [("a", "x")]) == "none")
        #expect(Catalogue.fill("città {n} ✓", [("n", "é")]) == "città é ✓")
    }
}
