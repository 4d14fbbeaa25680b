import TerritorioStoreAPI

/// Opens the backend a `--db` value names: a `postgresql://` URL means PostGIS, anything else
/// is the path of a file that `file` opens (the SpatiaLite store, which this target does not
/// depend on: the command-line tool passes it in).
public enum StoreOpener {
    /// A store of either backend, through the use-case protocols.
    public typealias AnyStore = any DirectoryStore & TerritoryStore & AnalysisStore & SurveyStore & RoundStore

    /// The store `value` names (created and migrated when needed).
    public static func open(_ value: String, file: (String) throws -> AnyStore) async throws -> AnyStore {
        if let url = try PostgresURL(value) { return try await PostGISStore(url: url) }
        return try file(value)
    }
}
