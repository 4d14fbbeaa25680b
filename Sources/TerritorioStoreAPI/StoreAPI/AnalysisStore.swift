import TerritorioCore

/// What the gap analysis reads from a store, in one consistent snapshot. See ``DirectoryStore``
/// for the role of these protocols.
public protocol AnalysisStore: Sendable {
    /// The consortium's municipalities, the taxonomy, the services, the user responses and the
    /// operators' latest caseloads, with `costs` (municipality code → service id → cost) attached
    /// when the analysis uses a cost matrix instead of distances.
    func gapInputs(costs: [String: [String: Double]]?) async throws -> GapInputs
    /// The same, with only the submissions of the survey rounds `rounds` (every one when nil).
    func gapInputs(costs: [String: [String: Double]]?, rounds: [String]?) async throws -> GapInputs
    /// What the accessibility index alone reads (``AccessInputs``): the consortium's
    /// municipalities and, for the categories `only` (codes; every category when nil), the
    /// services' ids, points and capacities, by id.
    func accessInputs(only: [String]?) async throws -> AccessInputs
}
