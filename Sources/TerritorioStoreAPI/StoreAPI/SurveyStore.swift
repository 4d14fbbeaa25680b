import TerritorioCore
import TerritorioIO

/// Survey results as a store keeps them: ingest sessions, the quarantine of rejected rows, and
/// the municipalities answers are resolved against. See ``DirectoryStore`` for the role of these
/// protocols.
public protocol SurveyStore: Sendable {
    /// The municipalities (codes, names, points, boundaries) survey answers are resolved against.
    func municipalityResolver() async throws -> MunicipalityResolver
    /// Runs one ingest in one transaction: `body` reads and writes through the ledger and says
    /// whether to commit (a dry run, or a file that brings nothing new, rolls back). A backend
    /// whose concurrent sessions can conflict may run `body` again from the start after rolling
    /// back (so `body` must begin from nothing each time); two sessions never lose or double a row.
    func ingestSession<T: Sendable>(_ body: @escaping (any SubmissionLedger) throws -> (T, commit: Bool)) async throws
        -> T
    /// The quarantined rows (of one batch, or all), oldest first.
    func quarantinedRows(batch: Int64?) async throws -> [QuarantinedRow]
    /// Empties the quarantine, or deletes the entries `ids`; returns how many were deleted.
    func clearQuarantine(ids: [Int64]?) async throws -> Int
}
