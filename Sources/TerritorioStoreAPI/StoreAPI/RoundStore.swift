import TerritorioCore

/// Between meetings, as a store keeps it: the survey rounds, the directory's history and the
/// self-help group's sessions. See ``DirectoryStore`` for the role of these protocols.
public protocol RoundStore: Sendable {
    /// The rounds, oldest first.
    func rounds() async throws -> [SurveyRound]
    /// Adds a round; refuses a name already used or dates shared with another round.
    func addRound(_ round: SurveyRound) async throws
    /// Puts a batch of survey results in a round, whatever its submissions' dates.
    func assignBatch(_ batch: Int64, to round: String) async throws
    /// The directory's recorded changes taking effect after `date` (every one when nil), oldest first.
    func serviceHistory(after date: String?) async throws -> [ServiceChange]
    /// Every session, by id, with the time it was last stored.
    func sessions() async throws -> [(session: Session, updatedAt: String)]
    /// Adds or updates sessions by id, all or nothing.
    func importSessions(_ sessions: [Session], source: String) async throws -> ServiceImportReport
}
