import Crypto
import Foundation
import TerritorioCore
import TerritorioIO

/// Moves a whole store (territory and service directory) from one backend to another through the
/// use-case protocols, for a consortium that moves from a SpatiaLite file to a PostGIS server
/// (or back), and checks the result by counts and a content digest.
///
/// What the protocols carry is copied: municipalities (names, provinces, boundaries, representative
/// points, approximate flags, population and year, membership), the taxonomy and the services.
/// Not yet: survey data, zones and the import log (the target logs the copy as its own imports).
public enum StoreCopy {
    public typealias Contract = DirectoryStore & TerritoryStore & AnalysisStore

    /// What was copied, and the digest both stores share.
    public struct Report: Sendable, Equatable {
        public var municipalities: Int
        public var members: Int
        public var categories: Int
        public var services: Int
        /// SHA-256 of the copied content (see ``digest(_:)``), equal on both sides.
        public var digest: String
    }

    /// Copies `source` into the empty `target`; `label` names the source in the target's import log.
    public static func copy(from source: any Contract, to target: any Contract, label: String) async throws -> Report {
        let before = try await target.summary()
        guard before.municipalities == 0, before.services == 0, before.categories == 0 else {
            throw InputError(file: before.database, kind: .invalid, Self.notEmpty)
        }
        let records = try await source.municipalities(consortiumOnly: false, withShapes: true)
        try await copyTerritory(records, to: target, label: label)
        try await target.importCategories(try await source.categories(), source: label)
        _ = try await target.importServices(try await source.services(), source: label)
        let (expected, found) = (try await digest(source), try await digest(target))
        guard expected == found else { throw InputError(file: label, kind: .invalid, Self.digestMismatch) }
        let summary = try await target.summary()
        return Report(
            municipalities: summary.municipalities, members: summary.consortium.members,
            categories: summary.categories, services: summary.services, digest: found)
    }

    package static let notEmpty = "the target database is not empty: copy only into a new database"
    package static let digestMismatch =
        "the copy differs from the source (content digests differ); nothing should be trusted"

    package static func copyTerritory(_ records: [MunicipalityRecord], to target: any Contract, label: String)
        async throws
    {
        for approximate in [false, true] {
            let group = records.filter { $0.boundaryApproximate == approximate }
            guard !group.isEmpty else { continue }
            let boundaries = group.map {
                MunicipalityBoundary(
                    code: $0.code, name: $0.name, province: $0.province,
                    shape: $0.shape ?? MultiPolygon(polygons: []),
                    representativePoint: $0.representativePoint, repair: nil)
            }
            _ = try await target.importBoundaries(
                BoundaryFile(file: label, boundaries: boundaries), source: label,
                approximate: approximate)
        }
        let counted = records.filter { $0.population != nil && $0.populationYear != nil }
        let years = Dictionary(grouping: counted, by: { $0.populationYear ?? 0 })
        for (year, group) in years.sorted(by: { $0.key < $1.key }) {
            let entries = group.enumerated().map {
                PopulationFile.Entry(code: $1.code, name: $1.name, population: $1.population ?? 0, row: $0 + 2)
            }
            let file = PopulationFile(file: label, year: year, entries: entries, paddedCodes: 0)
            _ = try await target.importPopulation(file, source: label)
        }
        let members = records.filter(\.inConsortium).map(\.code)
        if !members.isEmpty {
            _ = try await target.setConsortium(ConsortiumFile(file: label, codes: members, rowOfCode: [:]))
        }
    }

    /// A SHA-256 over what ``copy(from:to:label:)`` moves, in a canonical order and form
    /// (boundaries as WKB): equal for two stores holding the same content, whatever the backend.
    public static func digest(_ store: any Contract) async throws -> String {
        var hasher = SHA256()
        func add(_ fields: [String]) {
            hasher.update(data: Data((fields.joined(separator: "\u{1f}") + "\n").utf8))
        }
        for m in try await store.municipalities(consortiumOnly: false, withShapes: true) {
            add([
                m.code, m.name, m.province ?? "", m.population.map(String.init) ?? "",
                m.populationYear.map(String.init) ?? "", "\(m.inConsortium)", "\(m.boundaryApproximate)",
                "\(m.representativePoint.x) \(m.representativePoint.y)",
                m.shape.map { WKB.encode($0).base64EncodedString() } ?? ""
            ])
        }
        for c in try await store.categories() {
            add([c.code] + Category.languages.flatMap { [c.labels[$0] ?? "", c.descriptions[$0] ?? ""] })
        }
        for s in try await store.services() {
            add(Service.columns.map { s.fields[$0] ?? "" })
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
