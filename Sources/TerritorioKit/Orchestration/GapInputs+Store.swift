import Foundation
import TerritorioCore
import TerritorioStore

extension GapInputs {
    /// Reads the consortium's municipalities, the taxonomy, the services and the submissions from
    /// `store`, and the cost matrix from `costsFile` when given.
    public static func load(from store: Store, costsFile: String? = nil) throws -> GapInputs {
        try store.gapInputs(costs: try costsFile.map(readCosts))
    }
}
