import Foundation
import TerritorioPostGIS
import Testing

@testable import TerritorioKit
@testable import TerritorioStoreAPI

/// The contract of the protocols the remaining commands added (``ExportStore``,
/// ``RoundCountStore``, ``DirectoryClosingStore``), on every backend.
@Suite("Store contract: export, round counts, closing services (every backend)")
struct StoreCommandContractTests {
    typealias Commands = Backend.Contract & RoundStore & ExportStore & RoundCountStore & DirectoryClosingStore

    static func store(_ backend: Backend) async throws -> any Commands {
        let store = try await ContractData.territory(backend)
        return try #require(store as? any Commands, "\(backend.name) answers the command protocols")
    }

    @Test("closing services removes them, records the closure, skips unknown ids", arguments: Backend.all)
    func closeServices(_ backend: Backend) async throws {
        let store = try await Self.store(backend)
        let services = [
            ContractData.service("s1", categories: ["food"], at: 8.75),
            ContractData.service("s2", categories: ["housing"], at: 8.85)
        ]
        _ = try await store.importServices(services, source: "s.csv")
        let closed = try await store.closeServices(["s2", "nobody"], source: "replace.csv", date: "2026-11-20")
        #expect(closed == ["s2"])
        #expect(try await store.services().map(\.id) == ["s1"])
        let history = try await store.serviceHistory(after: "2026-11-19")
        #expect(history.map(\.serviceID) == ["s2"] && history.first?.kind == .closed)
        #expect(history.first?.before == services[1] && history.first?.source == "replace.csv")
        #expect(try await store.closeServices(["s2"], source: "again.csv", date: nil).isEmpty)
    }

    @Test("names, zones and empty survey data answer the exports", arguments: Backend.all)
    func exportReads(_ backend: Backend) async throws {
        let store = try await Self.store(backend)
        let names = try await store.municipalityNames()
        #expect(
            names.mapValues(\.name) == Dictionary(uniqueKeysWithValues: zip(ContractData.codes, ["Uno", "Due", "Tre"])))
        #expect(names.values.allSatisfy { $0.province == "AL" })
        #expect(try await store.zones().isEmpty)
        #expect(try await store.needCells().isEmpty)
        #expect(try await store.researchSubmissions().isEmpty)
    }

    @Test("round counts: none without submissions", arguments: Backend.all)
    func roundCounts(_ backend: Backend) async throws {
        let store = try await Self.store(backend)
        try await store.addRound(SurveyRound(name: "r1", start: "2026-01-01", end: "2026-03-31", note: nil))
        let counts = try await store.roundCounts()
        #expect(counts.perRound.isEmpty && counts.outside == 0)
    }
}
