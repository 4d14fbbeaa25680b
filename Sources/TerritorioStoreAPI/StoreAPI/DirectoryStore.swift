import TerritorioCore

/// The service directory as a store keeps it: the taxonomy of categories and the services.
///
/// One of the use-case protocols the rest of territorio talks to instead of SQL; the SpatiaLite
/// ``Store`` conforms, and a second backend (PostGIS) is checked against the same contract tests.
/// The requirements are `async` because a server backend is; a local backend may satisfy them
/// with synchronous methods.
public protocol DirectoryStore: Sendable {
    /// The taxonomy, in its file's order.
    func categories() async throws -> [Category]
    /// Replaces labels in place and adds new categories; refuses to drop a category still in use.
    func importCategories(_ categories: [Category], source: String) async throws
    /// Every service, by id.
    func services() async throws -> [Service]
    /// Adds or updates services by id, all or nothing.
    func importServices(_ services: [Service], source: String) async throws -> ServiceImportReport
}
