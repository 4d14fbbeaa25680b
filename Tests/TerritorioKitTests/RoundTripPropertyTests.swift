import Foundation
import PropertyBased
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Property-based round trips: what territorio writes, it reads back unchanged, for random
/// values and not only for the few a hand-written test thinks of.
@Suite("Round trips (property-based)")
struct RoundTripPropertyTests {
    /// Any CSV territorio writes reads back as the same cells through the one CSV reader.
    @Test("CSVText then CSVStream is the identity on any cells")
    func csvCells() async throws {
        let row = RoundTripGen.cell.array(of: 3)
        await propertyCheck(count: 200, input: row.array(of: 1...6)) { rows in
            let text = try CSVText.make(header: ["a", "b", "c"], rows: rows)
            let path = try Fixture.file("cells.csv", text)
            let table = try CSVStream.table(path: path)
            #expect(table.header == ["a", "b", "c"])
            #expect(table.records == rows, "written as:\n\(text)")
        }
    }

    /// Found by `csvCells`: a cell that was `'=1+1` of its own lost its apostrophe on the way
    /// back, read as the formula the neutralisation is there to stop.
    @Test("cells starting with apostrophes then a formula trigger keep their apostrophes")
    func apostropheCells() throws {
        let rows = [["'=1+1", "''+x", "'-3"], ["'", "'abc", "=A1"]]
        let text = try CSVText.make(header: ["a", "b", "c"], rows: rows)
        #expect(text.contains("''=1+1") && text.contains("'''+x") && text.contains("'=A1"), "\(text)")
        let table = try CSVStream.table(path: Fixture.file("apostrophes.csv", text))
        #expect(table.records == rows)
    }

    /// `export services` then `import services` changes nothing, whatever the free text holds.
    @Test("services CSV export then import is the identity")
    func servicesCSV() async throws {
        let check = try ServiceCheck(context: RoundTripGen.context())
        await propertyCheck(count: 150, input: RoundTripGen.service.array(of: 1...5)) { drafts in
            let services = drafts.enumerated().map { i, s in
                var s = s
                s.id = "\(i)-\(s.id)"  // ids are unique in a directory
                return s
            }
            let path = try Fixture.file("services.csv", try ServiceExport.csv(services))
            let outcome = try check.check(ServiceFile.read(path: path))
            #expect(outcome.problems.isEmpty, "\(outcome.problems)")
            #expect(outcome.services == services)
        }
    }

    /// GeoJSON write then read gives the same polygons and points, to the writer's decimals.
    @Test("GeoJSON write then read is the identity within the stated precision")
    func geoJSON() async throws {
        let input = zip(RoundTripGen.multiPolygon, RoundTripGen.coordinate, RoundTripGen.cell, Gen.int(in: 0...8))
        await propertyCheck(count: 200, input: input) { shape, point, name, decimals in
            var writer = GeoJSONWriter(decimals: decimals == 8 ? nil : decimals)
            writer.addFeature(properties: ["name": .string(name)], geometry: .multiPolygon(shape))
            writer.addFeature(properties: ["name": .string(name)], geometry: .point(point))
            let features = try GeoJSONReader.features(from: Data(writer.finish().utf8))
            try #require(features.count == 2)
            #expect(features.allSatisfy { $0.properties["name"]?.text == name })
            let tolerance = decimals == 8 ? 0 : 0.5 * pow(10, -Double(decimals)) + 1e-12
            guard case .multiPolygon(let read) = features[0].geometry,
                case .point(let readPoint) = features[1].geometry
            else {
                Issue.record("geometries read as \(features.map(\.geometry))")
                return
            }
            #expect(RoundTripGen.close(read, shape, within: tolerance), "\(read) vs \(shape)")
            #expect(RoundTripGen.close(readPoint, point, within: tolerance))
        }
    }
}
