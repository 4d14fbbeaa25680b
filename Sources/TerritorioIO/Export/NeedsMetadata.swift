/// The members of the needs export's sidecar particular to it: rows and withheld cells.
package struct NeedsMetadata: Encodable {
    package var rows: Int
    package var withheldCounts: Int
    package var withheldUnmet: Int

    package enum CodingKeys: String, CodingKey {
        case rows
        case withheldCounts = "withheld_counts"
        case withheldUnmet = "withheld_unmet"
    }
}
