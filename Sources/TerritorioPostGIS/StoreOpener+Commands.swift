import TerritorioStoreAPI

extension StoreOpener {
    /// A store of either backend with what the remaining commands need besides ``AnyStore``:
    /// exports, round counts, closing services and health.
    package typealias CommandStore =
        any DirectoryStore & TerritoryStore & AnalysisStore & SurveyStore & RoundStore & ExportStore
        & RoundCountStore & DirectoryClosingStore & HealthStore

    /// The store `value` names, as ``open(_:file:)`` opens it, for those commands.
    package static func openForCommands(_ value: String, file: (String) throws -> CommandStore) async throws
        -> CommandStore
    {
        if let url = try PostgresURL(value) { return try await PostGISStore(url: url) }
        return try file(value)
    }
}
