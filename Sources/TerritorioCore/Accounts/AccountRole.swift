/// What a signed-in person of the working group may do in the web app.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    /// Accounts, organisations, taxonomy; edits every service.
    case admin
    /// Enters surveys; edits its own organisation's services.
    case `operator`
    /// Reports and maps.
    case planner
    /// Anonymised exports.
    case researcher
}
