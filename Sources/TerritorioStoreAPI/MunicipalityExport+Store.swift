import TerritorioCore
import TerritorioIO

extension MunicipalityExport {
    /// - Parameter consortiumOnly: only the consortium's members.
    public static func geoJSON(from store: some TerritoryStore, consortiumOnly: Bool = false) async throws -> String {
        geoJSON(try await store.municipalities(consortiumOnly: consortiumOnly, withShapes: true))
    }

    /// The same attributes as CSV, with the representative point, without boundaries.
    public static func csv(from store: some TerritoryStore, consortiumOnly: Bool = false) async throws -> String {
        try csv(try await store.municipalities(consortiumOnly: consortiumOnly, withShapes: false))
    }
}
