import Foundation
import TerritorioCore

/// The `territorio` member of the GeoJSON gap report: method, parameters, sources and dates, k,
/// attribution. `generated` is the only member that changes between runs on the same data.
package struct GapReportMetadata: Encodable {
    /// One catchment: `max_cost`, `weight` and the weight function's parameters as PySAL names them.
    package struct Catchment: Encodable {
        package var maxCost: Double
        package var weight: String
        package var parameters: [String: Double]

        package init(_ c: AnalysisConfig.Catchment) {
            maxCost = c.maxCost
            weight = c.weight.name
            parameters = c.weight.parameters
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(maxCost, forKey: "max_cost")
            try c.encode(weight, forKey: "weight")
            for (name, value) in parameters { try c.encode(value, forKey: JSONKey(name)) }
        }
    }

    package struct Parameters: Encodable {
        package var source: String
        package var `default`: Catchment
        package var categories: [String: Catchment]
    }

    package var method = "two-step floating catchment (PySAL access definitions) and gap levels; see docs/method.md"
    package var parameters: Parameters
    package var k: Int
    package var minResponses: Int
    package var cost: String
    package var sources: [String]
    package var services: Int
    /// Written as `null` when there is none.
    package var latestSubmission: String?
    package var attribution = MunicipalityExport.attribution
    package var boundariesApproximate: Bool
    package var categories: [String]
    /// Left out when the report covers every submission.
    package var rounds: [String]?
    /// Left out for reproducible output.
    package var generated: String?

    package enum CodingKeys: String, CodingKey {
        case method, parameters, k, cost, sources, services, attribution, categories, rounds, generated
        case minResponses = "min_responses"
        case latestSubmission = "latest_submission"
        case boundariesApproximate = "boundaries_approximate"
    }

    package init(_ report: GapReport, timestamp: Date?, costsFile: String?) {
        let analysis = report.analysis
        let config = analysis.config
        parameters = Parameters(
            source: config.source, default: Catchment(config.defaults),
            categories: Dictionary(
                uniqueKeysWithValues: analysis.categories.map { ($0.code, Catchment(config.catchment($0.code))) }))
        k = config.k
        minResponses = config.minResponses
        cost =
            costsFile.map { "cost matrix \(URL(fileURLWithPath: $0).lastPathComponent)" }
            ?? "great-circle km from each municipality's representative point"
        sources = analysis.inputs.sources
        services = analysis.inputs.services.count
        latestSubmission = analysis.inputs.latestSubmission
        boundariesApproximate = analysis.inputs.municipalities.contains { $0.boundaryApproximate }
        categories = analysis.categories.map(\.code)
        rounds = report.rounds
        generated = timestamp.map { ISO8601DateFormatter().string(from: $0) }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(k, forKey: .k)
        try c.encode(minResponses, forKey: .minResponses)
        try c.encode(cost, forKey: .cost)
        try c.encode(sources, forKey: .sources)
        try c.encode(services, forKey: .services)
        try c.encode(latestSubmission, forKey: .latestSubmission)
        try c.encode(attribution, forKey: .attribution)
        try c.encode(boundariesApproximate, forKey: .boundariesApproximate)
        try c.encode(categories, forKey: .categories)
        try c.encodeIfPresent(rounds, forKey: .rounds)
        try c.encodeIfPresent(generated, forKey: .generated)
    }
}
