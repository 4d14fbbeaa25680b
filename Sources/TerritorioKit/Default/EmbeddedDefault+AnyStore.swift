import Foundation

extension EmbeddedDefault {
    /// A store of either backend, as the demo fills it.
    public typealias AnyStore = DirectoryStore & TerritoryStore & SurveyStore & RoundStore

    /// ``load(into:geoData:)`` into a store of either backend (the same imports, under the same sources).
    public static func load(into store: any AnyStore, geoData: String) async throws {
        let members = try members(geoData: geoData)
        _ = try await store.importBoundaries(
            try boundaries(geoData: geoData, members: members), source: boundarySource, approximate: false)
        let population = population(geoData: geoData, members: members)
        _ = try await store.importPopulation(population, source: "GeoData/consortium.csv")
        _ = try await store.setConsortium(consortium(members, file: population.file))
        try await store.importCategories(
            try CategoryFile.read(path: geoData + "/categories.csv"), source: "GeoData/categories.csv")
        try await importServices(into: store, path: geoData + "/services.csv", source: "GeoData/services.csv")
    }

    /// ``loadBetweenMeetings(into:geoData:)`` into a store of either backend.
    public static func loadBetweenMeetings(into store: any AnyStore, geoData: String) async throws {
        let rounds = geoData + "/rounds.csv"
        if FileManager.default.fileExists(atPath: rounds) {
            for round in try readRounds(path: rounds) { try await store.addRound(round) }
        }
        let update = geoData + "/services-update-2026-autunno.csv"
        if FileManager.default.fileExists(atPath: update) {
            try await importServices(
                into: store, path: update, source: "GeoData/services-update-2026-autunno.csv")
        }
        let sessions = geoData + "/sessions.csv"
        if FileManager.default.fileExists(atPath: sessions) {
            let check = SessionCheck(
                categories: Set(try await store.categories().map(\.code)),
                services: Set(try await store.services().map(\.id)))
            _ = try await store.importSessions(try check.read(path: sessions), source: "GeoData/sessions.csv")
        }
    }

    /// ``ingestSamples(into:paths:)`` into a store of either backend; each must be accepted whole.
    @discardableResult
    public static func ingestSamples(into store: any AnyStore, paths: [String]) async throws -> [IngestSummary] {
        let resolver = try await store.municipalityResolver()
        var summaries: [IngestSummary] = []
        for path in paths {
            let (summary, _) = try await SurveyIngest.ingest(path: path, into: store, resolver: resolver)
            try checkWhole(summary, path: path)
            summaries.append(summary)
        }
        return summaries
    }

    /// A service file of the demo, checked (any rejected service is an error) and imported.
    static func importServices(into store: any AnyStore, path: String, source: String) async throws {
        let context = DirectoryContext(
            categories: Set(try await store.categories().map(\.code)), resolver: try await store.municipalityResolver())
        let outcome = try ServiceCheck(context: context).check(try ServiceFile.read(path: path))
        guard outcome.problems.isEmpty else { throw InputError(file: path, problems: outcome.problems) }
        _ = try await store.importServices(outcome.services, source: source)
    }
}
