import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// One resolver for services and surveys, and its "did you mean" ranking.
@Suite("Municipality resolver")
struct MunicipalityResolverTests {
    @Test(
        "a suggestion whose words are all in the input comes first, then edit distance",
        arguments: [
            ("Gavi Ligure", "Gavi"), ("Novi Ligurria", "Novi Ligure"), ("Serravale Scrivia", "Serravalle Scrivia"),
            ("Comune di Gavi", "Gavi")
        ])
    func ranking(_ input: String, _ expected: String) {
        let names = ["Novi Ligure", "Gavi", "Serravalle Scrivia", "Pozzolo Formigaro", "Arquata Scrivia"]
        #expect(TextMatching.closest(to: input, among: names) == expected)
        #expect(TextMatching.closest(to: input, among: names.reversed()) == expected, "the order does not matter")
    }

    @Test("nothing plausible, no suggestion")
    func noSuggestion() {
        #expect(TextMatching.closest(to: "Roma", among: ["Novi Ligure", "Gavi"]) == nil)
    }

    @Test("the database's resolver: Gavi Ligure suggests Gavi; an unknown code is named; swapped points are recognised")
    func resolver() throws {
        let resolver = try Fixture.demoStore().municipalityResolver()
        #expect(resolver.resolve("Gavi Ligure") == .unknown(suggestion: "Gavi"))
        #expect(resolver.resolve("099999") == .unknownCode("099999"))
        #expect(resolver.resolve("Serravalle S.") == .found("006160"))
        #expect(try resolver.looksSwapped(Coordinate(lon: 44.7622, lat: 8.7967)))
        #expect(try !resolver.looksSwapped(Coordinate(lon: 8.7967, lat: 44.7622)))
        #expect(resolver.municipalities["006114"]?.representativePoint != nil)
    }
}
