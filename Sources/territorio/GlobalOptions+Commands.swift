import TerritorioKit
import TerritorioPostGIS

extension GlobalOptions {
    /// The existing database of either backend, opened with what the exports, maps, poster,
    /// rounds and surveys read (a missing SpatiaLite file is an error).
    func existingCommandStore() async throws -> StoreOpener.CommandStore {
        try await StoreOpener.openForCommands(existingLocation()) { try Store.open(at: $0) }
    }

    /// The database of either backend, opened for the commands that may start one (`round add`,
    /// `import sessions`): a SpatiaLite file is created when missing, a PostGIS database migrated.
    func openCommandStore() async throws -> StoreOpener.CommandStore {
        try await StoreOpener.openForCommands(database) { try Store.open(at: $0) }
    }
}
