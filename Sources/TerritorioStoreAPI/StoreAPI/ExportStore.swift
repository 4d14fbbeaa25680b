import TerritorioCore
import TerritorioIO

/// What the exports and the poster read from a store besides the directory and the territory:
/// municipality names, the consortium's zones, and the survey data the researchers' exports
/// start from. See ``DirectoryStore`` for the role of these protocols.
package protocol ExportStore: Sendable {
    /// Every municipality's name and province, by ISTAT code.
    func municipalityNames() async throws -> [String: (name: String, province: String?)]
    /// The zone of each consortium member that has one, by ISTAT code.
    func zones() async throws -> [String: String]
    /// Need reports counted per place × category × role × period (see the SpatiaLite store).
    func needCells() async throws -> [ResearchExport.NeedCell]
    /// Every submission with its need reports, in a stable order (by key).
    func researchSubmissions() async throws -> [ResearchExport.StoredSubmission]
}
