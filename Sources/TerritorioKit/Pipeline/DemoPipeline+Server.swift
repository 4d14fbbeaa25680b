import Foundation
import TerritorioCore
import TerritorioStoreAPI

extension DemoPipeline {
    /// Why the demo refuses a database that already holds data.
    package struct NotEmpty: Error, Sendable {}

    /// Loads the demo into `store`, an empty database of either backend (`territorio demo --db
    /// postgresql://…` passes a PostGIS one): the same imports, directory update, sessions, rounds
    /// and survey samples as the demo's file, from `data`; returns the samples' summaries.
    package static func load(into store: any EmbeddedDefault.AnyStore, data: DefaultData) async throws
        -> [IngestSummary]
    {
        try await checkEmpty(store)
        return try await data.loadingGeoData { geoData in
            try await EmbeddedDefault.load(into: store, geoData: geoData)
            try await EmbeddedDefault.loadBetweenMeetings(into: store, geoData: geoData)
            return try await EmbeddedDefault.ingestSamples(
                into: store, paths: EmbeddedDefault.sampleSurveys(geoData: geoData))
        }
    }
}

extension DemoPipeline {
    /// Throws ``NotEmpty`` when `store` holds municipalities or services already.
    package static func checkEmpty(_ store: any TerritoryStore) async throws {
        let summary = try await store.summary()
        guard summary.municipalities == 0 && summary.services == 0 else { throw NotEmpty() }
    }
}

extension DefaultData {
    /// Runs the asynchronous `body` with the path of a `GeoData` folder holding the default's
    /// files (laid out in a temporary folder for the embedded copy, removed afterwards).
    func loadingGeoData<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        if case .folder(let path) = source { return try await body(path) }
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("territorio-default-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.layOut(at: root)
        return try await body(root.appendingPathComponent("GeoData").path)
    }
}
