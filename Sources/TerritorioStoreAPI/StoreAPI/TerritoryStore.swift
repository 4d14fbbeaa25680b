import TerritorioCore
import TerritorioIO

/// The territory as a store keeps it: municipalities with their boundaries and population, and
/// the consortium's membership. See ``DirectoryStore`` for the role of these protocols.
public protocol TerritoryStore: Sendable {
    /// Adds or updates municipalities by ISTAT code, all or nothing.
    func importBoundaries(_ file: BoundaryFile, source: String, approximate: Bool) async throws
        -> BoundaryImportReport
    /// Sets the residents of the municipalities the file names, all or nothing.
    func importPopulation(_ file: PopulationFile, source: String) async throws -> PopulationImportReport
    /// Makes exactly the file's municipalities the consortium's members.
    func setConsortium(_ file: ConsortiumFile) async throws -> ConsortiumReport
    /// The municipalities (all of them, or the consortium's), by code, with or without boundaries.
    func municipalities(consortiumOnly: Bool, withShapes: Bool) async throws -> [MunicipalityRecord]
    /// The boundaries of the consortium's members, by ISTAT code.
    func consortiumShapes() async throws -> [String: MultiPolygon]
    /// What the store holds: counts, consortium, extent, recent imports.
    func summary() async throws -> StoreSummary
}
