import TerritorioKit

/// Opens the backend a `--db` value names: a `postgresql://` URL means PostGIS, anything else
/// is the path of a SpatiaLite file.
public enum StoreOpener {
    /// A store of either backend, through the use-case protocols.
    public typealias AnyStore = any DirectoryStore & TerritoryStore & AnalysisStore & SurveyStore & RoundStore

    /// The store `value` names (created and migrated when needed).
    public static func open(_ value: String) async throws -> AnyStore {
        if let url = try PostgresURL(value) { return try await PostGISStore(url: url) }
        return try Store.open(at: value)
    }
}
