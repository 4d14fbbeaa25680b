import Foundation
import PropertyBased

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

/// Generators for the round-trip properties: text that is hard on a CSV or JSON writer
/// (formula triggers, apostrophes, quotes, separators, line breaks, Arabic, accents), services
/// as the import produces them, and shapes in WGS84.
enum RoundTripGen {
    static let characters: [Character] =
        Array("aZ0 9éàÈçñß€مرحبا سلام ;,|\"'\t\n\r=+-@<>\\.{}[]:#")
        + ["\r\n", "\u{1}", "\u{200B}", "👩🏽‍⚕️"]
    /// Starts that a spreadsheet takes for a formula, or that look like territorio's own
    /// neutralising apostrophe.
    static let starts = ["", "", "=", "+", "-", "@", "'", "'=", "''+", "\"", "-1", "=HYPERLINK(\"x\")", "#", " "]

    /// Any short text, often starting like a formula.
    static let cell = zip(
        Gen<String?>.element(of: starts).map { $0! },
        Gen<Character?>.element(of: characters).map { $0! }.string(of: 0...10)
    )
    .map { start, rest in start + rest }

    /// Free text as the import keeps it: trimmed; nil when empty.
    static let text = cell.map { t -> String? in
        let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    static let novi = "006114"
    static let area = Polygon(rings: [
        [
            Coordinate(lon: 8.5, lat: 44.5), Coordinate(lon: 9.1, lat: 44.5),
            Coordinate(lon: 9.1, lat: 45.1), Coordinate(lon: 8.5, lat: 45.1),
            Coordinate(lon: 8.5, lat: 44.5)
        ]
    ])

    /// One municipality in the consortium covering the generated points, and three categories.
    static func context() throws -> DirectoryContext {
        let resolver = try MunicipalityResolver(
            municipalities: [.init(code: novi, name: "Novi Ligure", inConsortium: true)],
            shapes: [(id: novi, shape: MultiPolygon(area))])
        return DirectoryContext(categories: ["food", "health", "legal"], resolver: resolver)
    }

    static let openingHours = [
        "Mo-Fr 09:00-12:00", "24/7", "Mo,We 08:30-12:30,14:00-17:00; Sa 09:00-12:00; PH off",
        "Tu-Th 22:00-02:00"
    ].map { try! OpeningHours.parse($0).description }
    static let hoursGen = Gen<String??>.element(of: [nil] + openingHours.map(Optional.some)).map { $0! }
    static let dateGen = zip(Gen.int(in: 1990...2030), Gen.int(in: 1...12), Gen.int(in: 1...28)).map { y, m, d in
        String(format: "%04d-%02d-%02d", y, m, d)
    }
    static let capacityGen = Gen<Double??>.element(of: [nil, 0, 12, 1e6, 0.5, 33.25] as [Double?]).map { $0! }
    static let word = Gen.lowercaseLetter.string(of: 1...8)

    static let strings = zip(cell, text, text, text, text, text, text, text)
    static let codes = zip(
        Gen<String?>.element(of: ["food", "health", "legal"]).map { $0! }.array(of: 1...3),
        Gen<String?>.element(of: ["it", "en", "ar", "fr"]).map { $0! }.array(of: 0...3),
        hoursGen, capacityGen, Gen.bool, Gen.bool, dateGen.optional, coordinate)
    static let contact = zip(word.optional, word.optional)

    /// A service as `import services` gives it.
    static let service = zip(strings, codes, contact).map { strings, codes, contact in
        let (id, name, organization, address, postalCode, phone, eligibility, source) = strings
        let (categories, languages, hours, capacity, verified, approximate, updated, location) = codes
        let trimmedID = id.trimmingCharacters(in: .whitespacesAndNewlines)
        return Service(
            id: trimmedID.isEmpty ? "s" : trimmedID, name: name ?? "Sportello",
            organization: organization, categories: Array(Set(categories)).sorted(),
            address: address, postalCode: postalCode, municipality: novi, location: location,
            locationApproximate: approximate, phone: phone, email: contact.0.map { "\($0)@example.org" },
            website: contact.1.map { "https://\($0).example.org/a?b=c;d" }, openingHours: hours,
            languages: Array(Set(languages)).sorted(), eligibility: eligibility, capacity: capacity,
            verified: verified, lastUpdated: updated, source: source)
    }

    /// A point inside ``area``.
    static let coordinate = zip(Gen.double(in: 8.51...9.09), Gen.double(in: 44.51...45.09))
        .map { Coordinate(lon: $0, lat: $1) }

    /// A closed ring of 4 to 9 positions anywhere in WGS84.
    static let ring = zip(Gen.double(in: -180...180), Gen.double(in: -90...90)).map { Coordinate(lon: $0, lat: $1) }
        .array(of: 3...8).map { $0 + [$0[0]] }
    static let multiPolygon = ring.array(of: 1...3).map { Polygon(rings: $0) }.array(of: 1...3)
        .map { MultiPolygon(polygons: $0) }

    static func close(_ a: Coordinate, _ b: Coordinate, within tolerance: Double) -> Bool {
        abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
    }

    static func close(_ a: MultiPolygon, _ b: MultiPolygon, within tolerance: Double) -> Bool {
        a.polygons.count == b.polygons.count
            && zip(a.polygons, b.polygons).allSatisfy { p, q in
                p.rings.count == q.rings.count
                    && zip(p.rings, q.rings).allSatisfy { r, s in
                        r.count == s.count && zip(r, s).allSatisfy { close($0, $1, within: tolerance) }
                    }
            }
    }
}
