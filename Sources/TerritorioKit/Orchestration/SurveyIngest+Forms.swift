import TerritorioCore
import TerritorioStoreAPI

extension SurveyIngest {
    /// The forms of a database of either backend: its consortium's municipalities and its taxonomy.
    public static func forms(in store: any DirectoryStore & TerritoryStore) async throws -> [SurveyForm] {
        forms(
            municipalities: try await store.municipalities(consortiumOnly: true, withShapes: false),
            categories: try await store.categories())
    }
}
