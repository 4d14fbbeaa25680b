import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioRender
import TerritorioStoreAPI

// The outputs of the lower layers, fed from a store of either backend (SpatiaLite or PostGIS)
// through the use-case protocols; the same pure functions as in `Store+Outputs.swift`.

extension Maps {
    /// The choropleth of the gap level of `category`, on the consortium's boundaries in `store`.
    public static func gaps(report: GapReport, category: String, language: String, from store: any TerritoryStore)
        async throws -> SVGMap
    {
        try gaps(report: report, category: category, language: language, shapes: try await store.consortiumShapes())
    }

    /// Every service of `store`, on its consortium's boundaries.
    public static func services(from store: any AnalysisStore & TerritoryStore, language: String) async throws
        -> SVGMap
    {
        let inputs = try await store.gapInputs(costs: nil)
        return try services(inputs: inputs, language: language, shapes: try await store.consortiumShapes())
    }
}

extension Poster {
    /// The poster of the services and sessions in `store`, with the questions of `faq` (default:
    /// the `faq.csv` of the default data).
    package static func load(from store: any DirectoryStore & RoundStore & ExportStore, faq: String?) async throws
        -> Poster
    {
        let services = try await store.services()
        let names = try await store.municipalityNames().mapValues(\.name)
        let sessions = try await store.sessions().map(\.session)
        func poster(_ path: String) throws -> Poster {
            try make(services: services, municipalityNames: names, sessions: sessions, faq: path)
        }
        return try faq.map(poster) ?? DefaultData.locate().withGeoData { try poster($0 + "/faq.csv") }
    }
}

extension ResearchExport {
    /// The needs export of the submissions in `store`.
    package static func needs(
        from store: any AnalysisStore & ExportStore, config: AnalysisConfig, format: Format, to path: String
    ) async throws {
        try needs(
            inputs: try await store.gapInputs(costs: nil), cells: try await store.needCells(), config: config,
            format: format, to: path)
    }

    /// The anonymised submissions export of `store`.
    package static func submissions(
        from store: any AnalysisStore & ExportStore, config: AnalysisConfig, format: Format, to path: String
    ) async throws {
        try submissions(
            inputs: try await store.gapInputs(costs: nil), zones: try await store.zones(),
            stored: try await store.researchSubmissions(), config: config, format: format, to: path)
    }
}

extension SurveyIngest {
    /// The forms of the database `store`: its consortium's municipalities and its taxonomy.
    public static func forms(from store: any TerritoryStore & DirectoryStore) async throws -> [SurveyForm] {
        forms(
            municipalities: try await store.municipalities(consortiumOnly: true, withShapes: false),
            categories: try await store.categories())
    }
}
