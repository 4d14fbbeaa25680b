import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// The lean accessibility path (`territorio report access`: ``AccessInputs``, ``CatchmentGrid``,
/// ``AccessIndex``) gives the full gap analysis's `access` and `access_ratio` bit for bit, so
/// that it stays equal to PySAL `access` wherever the gap report is.
@Suite("Accessibility index, lean path")
struct AccessIndexTests {
    /// The same value, bit for bit (nil only with nil).
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.bitPattern == b.bitPattern
        default: false
        }
    }

    /// Asserts that `lean` has `full`'s access values; returns how many were reached and not.
    @discardableResult
    static func expectSame(_ lean: AccessIndex, _ full: GapAnalysis) -> (reached: Int, unreached: Int) {
        #expect(lean.categories.map(\.code) == full.categories.map(\.code))
        #expect(lean.inputs.demand.codes == full.inputs.municipalities.map(\.code))
        var counts = (reached: 0, unreached: 0)
        for c in full.categories {
            let gaps = full.gaps[c.code]!
            let column = lean.columns[c.code]!
            for i in gaps.indices {
                #expect(same(column.access[i], gaps[i].access), "\(c.code) \(full.inputs.municipalities[i].code)")
                #expect(same(column.ratio[i], gaps[i].accessRatio), "\(c.code) ratio")
                if gaps[i].access == nil { counts.unreached += 1 } else { counts.reached += 1 }
            }
        }
        return counts
    }

    /// A short step catchment: some demo municipalities reach no service.
    static let short = AnalysisConfig(
        defaults: .init(maxCost: 6, weight: .step([.init(threshold: 3, weight: 1), .init(threshold: 6, weight: 0.5)])),
        categories: [:], k: 5, minResponses: 10, source: "test")

    @Test("on the demo data, the lean path's values are the gap analysis's, bit for bit", arguments: [false, true])
    func demoData(shortCatchment: Bool) throws {
        let store = try Fixture.demoStore()
        let config = shortCatchment ? Self.short : .standard
        let full = GapAnalysis(inputs: try store.gapInputs(), config: config)
        let lean = AccessIndex(inputs: try store.accessInputs(), config: config)
        let counts = Self.expectSame(lean, full)
        #expect(counts.reached > 100)
        if shortCatchment { #expect(counts.unreached > 0) }
    }

    @Test("a cost matrix gives the gap analysis's values too")
    func costMatrix() throws {
        let store = try Fixture.demoStore()
        let inputs = try store.gapInputs()
        // Every other service missing from the matrix; the rest at their distance plus 1.
        var costs: [String: [String: Double]] = [:]
        for m in inputs.municipalities {
            for (n, s) in inputs.services.enumerated() where n % 2 == 0 {
                costs[m.code, default: [:]][s.id] = haversineKilometres(m.point, s.location) + 1
            }
        }
        var withCosts = inputs
        withCosts.costs = costs
        let full = GapAnalysis(inputs: withCosts, config: .standard)
        let lean = AccessIndex(inputs: try store.accessInputs(), config: .standard, costs: costs)
        #expect(Self.expectSame(lean, full).reached > 100)
    }

    @Test("the CSV's access columns are the gap report CSV's, byte for byte")
    func csvColumns() throws {
        let store = try Fixture.demoStore()
        let full = GapReport(GapAnalysis(inputs: try store.gapInputs(), config: .standard, only: ["food", "health"]))
        let lean = AccessIndex(
            inputs: try store.accessInputs(only: ["health", "food"]), config: .standard, only: ["health", "food"])
        let gaps = try CSVStream.table(path: try Fixture.file("gaps.csv", try full.csv()))
        let access = try CSVStream.table(path: try Fixture.file("access.csv", bytes: lean.csv()))
        let expected =
            ["istat_code", "name", "population"]
            + full.analysis.categories.map(\.code).flatMap { ["\($0)_access", "\($0)_access_ratio"] }
        #expect(full.analysis.categories.count == 2)
        #expect(access.header == expected)
        #expect(access.records.count == gaps.records.count)
        for name in expected {
            let a = try access.requireColumn(name, option: "the header")
            let g = try gaps.requireColumn(name, option: "the header")
            #expect(
                access.records.map { CSVStream.Table.field($0, a) }
                    == gaps.records.map { CSVStream.Table.field($0, g) },
                "\(name)")
        }
    }

    @Test("only the chosen categories are read and computed")
    func chosenCategories() throws {
        let store = try Fixture.demoStore()
        let inputs = try store.accessInputs(only: ["food"])
        #expect(Array(inputs.supply.keys) == ["food"])
        #expect(inputs.categories.count > 1)  // the taxonomy, for labels
        let index = AccessIndex(inputs: inputs, config: .standard, only: ["food"])
        #expect(index.categories.map(\.code) == ["food"])
        #expect(index.columns.keys.sorted() == ["food"])
    }

    @Test("the grid's pairs are the proximity index's, bit for bit", arguments: [0.3, 20, 35, 400])
    func gridPairs(radius: Double) {
        let supply = ProximityNearestTests.points(4000, seed: 11)
        let origins = ProximityNearestTests.points(300, seed: 12) + supply.prefix(30)
        let pairs = CatchmentGrid(points: supply, radiusKilometres: radius).pairs(from: SpherePoints(origins))
        let index = ProximityIndex(points: supply, radiusKilometres: radius)
        var expected: [(Int, Int, Double)] = []
        for (i, origin) in origins.enumerated() {
            for (j, d) in index.within(radius, of: origin) { expected.append((i, j, d)) }
        }
        #expect(pairs.count == expected.count)
        #expect(pairs.map(\.demand) == expected.map(\.0))
        #expect(pairs.map(\.supply) == expected.map(\.1))
        #expect(pairs.map(\.cost.bitPattern) == expected.map(\.2.bitPattern))
        #expect(!pairs.isEmpty)
    }

    @Test("no services: no pairs, every municipality unreached")
    func noServices() {
        let grid = CatchmentGrid(points: [], radiusKilometres: 20)
        #expect(grid.pairs(from: SpherePoints([Coordinate(lon: 8, lat: 45)])).isEmpty)
        var demand = AccessInputs.Demand()
        demand.append(code: "006001", name: "Uno", population: 100, point: Coordinate(lon: 8.7, lat: 44.7))
        let index = AccessIndex(
            inputs: AccessInputs(categories: ContractData.categories, demand: demand, supply: [:]), config: .standard)
        #expect(index.columns["food"]?.access == [nil])
        #expect(index.inputs.hasNoServices)
    }

    @Test("every backend reads the same lean inputs, giving the gap analysis's values", arguments: Backend.all)
    func backends(_ backend: Backend) async throws {
        let store = try await ContractData.territory(backend)
        var unknownCapacity = ContractData.service("s3", categories: ["housing"], at: 8.99)
        unknownCapacity.capacity = nil
        _ = try await store.importServices(
            [
                ContractData.service("s1", categories: ["food"], at: 8.72),
                ContractData.service("s2", categories: ["food", "housing"], at: 8.85), unknownCapacity
            ], source: "contract")
        let full = GapAnalysis(inputs: try await store.gapInputs(costs: nil), config: Self.short)
        let inputs = try await store.accessInputs(only: nil)
        #expect(inputs.supply["food"]?.ids == ["s1", "s2"])
        #expect(inputs.supply["housing"]?.capacities == [2, 1])
        #expect(Self.expectSame(AccessIndex(inputs: inputs, config: Self.short), full).reached > 0)
        #expect(try await store.accessInputs(only: ["housing"]).supply.keys.sorted() == ["housing"])
    }
}
