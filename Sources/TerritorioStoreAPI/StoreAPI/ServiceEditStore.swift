import Foundation
import TerritorioCore
import TerritorioIO

/// The service directory as the web app edits and checks it: one service at a time, the
/// taxonomy's labels, and the verification checks; every write audited in its own transaction.
/// See ``DirectoryStore`` for the role of these protocols.
public protocol ServiceEditStore: Sendable {
    /// The service `id`, or nil.
    func service(id: String) async throws -> Service?
    /// Saves an edit of one service (its change kept in the history), audited; false when
    /// nothing changed (nothing recorded).
    @discardableResult
    func updateService(_ service: Service, by account: AccountRecord) async throws -> Bool
    /// Adds a category at the end of the taxonomy, or relabels the one with its code; audited.
    func saveCategory(_ category: Category, by account: AccountRecord) async throws
    /// What service records are checked against: categories, municipalities and their shapes.
    func directoryContext() async throws -> DirectoryContext
    /// Code → name and province of every municipality.
    func municipalityNames() async throws -> [String: (name: String, province: String?)]
    /// Records a check of a service, audited; a confirming check marks the service verified.
    func recordVerification(
        serviceID: String, method: ServiceVerification.Method, outcome: ServiceVerification.Outcome,
        note: String?, by account: AccountRecord, at date: Date
    ) async throws
    /// The checks of service `serviceID`, newest first.
    func verifications(of serviceID: String) async throws -> [ServiceVerification]
    /// The newest check of each service that has one, by service id.
    func lastVerifications() async throws -> [String: ServiceVerification]
}
