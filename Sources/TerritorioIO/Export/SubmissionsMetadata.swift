/// The members of the anonymised submissions export's sidecar particular to it: what was
/// generalised, merged, suppressed and withheld, and how.
package struct SubmissionsMetadata: Encodable {
    package var rows: Int
    package var withheldRows: Int
    package var quasiIdentifiers: [String]
    package var analyticVariables: [String]
    package var generalisedValues: [String: Int]
    package var mergedValues: [String: Int]
    package var suppressedValues: [String: Int]
    package var suppressedMarker: String
    package var unansweredInASet: String
    package var withheldOperatorCounts: Int
    package var zones: [String: [String]]
    package var method =
        "global recoding (municipality to zone, month to quarter, household size to bands), then "
        + "Mondrian partitioning into groups of at least k rows (docs/privacy.md)"

    package enum CodingKeys: String, CodingKey {
        case rows, zones, method
        case withheldRows = "withheld_rows"
        case quasiIdentifiers = "quasi_identifiers"
        case analyticVariables = "analytic_variables"
        case generalisedValues = "generalised_values"
        case mergedValues = "merged_values"
        case suppressedValues = "suppressed_values"
        case suppressedMarker = "suppressed_marker"
        case unansweredInASet = "unanswered_in_a_set"
        case withheldOperatorCounts = "withheld_operator_counts"
    }
}
