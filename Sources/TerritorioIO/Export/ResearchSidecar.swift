import Foundation
import TerritorioCore

/// The `.meta.json` beside a research export: what the dataset is, its sources, k, the
/// attribution, when it was exported, and the members particular to the dataset (`extra`).
package struct ResearchSidecar<Extra: Encodable>: Encodable {
    package var dataset: String
    package var description: String
    package var k: Int
    package var sources: [String]
    /// Written as `null` when there is none.
    package var latestSubmission: String?
    package var attribution = MunicipalityExport.attribution
    package var privacy = "docs/privacy.md"
    package var exported = ISO8601DateFormatter().string(from: Date())
    /// Members written beside the common ones, at the top level.
    package var extra: Extra

    package enum CodingKeys: String, CodingKey {
        case dataset, description, k, sources, attribution, privacy, exported
        case latestSubmission = "latest_submission"
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(description, forKey: .description)
        try c.encode(k, forKey: .k)
        try c.encode(sources, forKey: .sources)
        try c.encode(latestSubmission, forKey: .latestSubmission)
        try c.encode(attribution, forKey: .attribution)
        try c.encode(privacy, forKey: .privacy)
        try c.encode(exported, forKey: .exported)
        try extra.encode(to: encoder)
    }
}
