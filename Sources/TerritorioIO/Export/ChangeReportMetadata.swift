import TerritorioCore

/// The `territorio` member of the change report: the rounds, k, the method and the attribution.
package struct ChangeReportMetadata: Encodable {
    /// A round as the metadata names it.
    package struct Round: Encodable {
        package var name: String
        package var start: String
        package var end: String

        package init(_ r: SurveyRound) {
            name = r.name
            start = r.start
            end = r.end
        }
    }

    package var method = "changes between two survey rounds; see docs/method.md (Rounds and changes)"
    package var roundFrom: Round
    package var roundTo: Round
    package var k: Int
    package var serviceChanges: Int
    package var attribution = MunicipalityExport.attribution
    package var categories: [String]

    package enum CodingKeys: String, CodingKey {
        case method, k, attribution, categories
        case roundFrom = "round_from"
        case roundTo = "round_to"
        case serviceChanges = "service_changes"
    }

    package init(_ report: ChangeReport) {
        roundFrom = Round(report.from)
        roundTo = Round(report.to)
        k = report.k
        serviceChanges = report.serviceChanges.count
        categories = report.categories.map(\.code)
    }
}
