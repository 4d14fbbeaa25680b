import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioRender
import TerritorioStore

// The outputs of the lower layers, fed from the SpatiaLite store: each loads what the layer's
// pure function needs and passes it on.

extension Maps {
    /// The choropleth of the gap level of `category`, on the consortium's boundaries in `store`.
    public static func gaps(report: GapReport, category: String, language: String, store: Store) throws -> SVGMap {
        try gaps(report: report, category: category, language: language, shapes: store.consortiumShapes())
    }

    /// Every service, on the consortium's boundaries in `store`.
    public static func services(inputs: GapInputs, language: String, store: Store) throws -> SVGMap {
        try services(inputs: inputs, language: language, shapes: store.consortiumShapes())
    }
}

extension Poster {
    /// The poster of the services and sessions in `store`.
    public static func load(store: Store, faq: String) throws -> Poster {
        try make(
            services: store.services(), municipalityNames: store.municipalityNames().mapValues(\.name),
            sessions: store.sessions().map(\.session), faq: faq)
    }
}

extension GapReport {
    /// The GeoJSON report on the consortium's boundaries in `store`.
    public func geoJSON(store: Store, timestamp: Date?, costsFile: String?) throws -> String {
        try geoJSON(shapes: store.consortiumShapes(), timestamp: timestamp, costsFile: costsFile)
    }
}

extension ResearchExport {
    /// The needs export of the submissions in `store`.
    public static func needs(store: Store, config: AnalysisConfig, format: Format, to path: String) throws {
        try needs(
            inputs: GapInputs.load(from: store), cells: store.needCells(), config: config, format: format,
            to: path)
    }

    /// The anonymised submissions export of `store`.
    public static func submissions(store: Store, config: AnalysisConfig, format: Format, to path: String) throws {
        try submissions(
            inputs: GapInputs.load(from: store), zones: store.zones(), stored: store.researchSubmissions(),
            config: config, format: format, to: path)
    }
}
