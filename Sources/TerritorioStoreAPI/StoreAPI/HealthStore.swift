/// A store's health, as `territorio doctor` reports it. See ``DirectoryStore`` for the role of
/// these protocols.
public protocol HealthStore: Sendable {
    /// Checks the database without changing it: one line per check, and a verdict.
    func doctor() async throws -> HealthReport
}
