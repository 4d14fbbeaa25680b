import TerritorioKit
import TerritorioPostGIS

extension GlobalOptions {
    /// The existing database the web app and `user` work on, of either backend, and where it is
    /// (a SpatiaLite file's path, or the server and database without any password).
    func existingWebStore() async throws -> (store: any WebStore & ExportStore, location: String) {
        if let url = try PostgresURL(database) { return (try await PostGISStore(url: url), url.redacted) }
        let store = try Store.open(at: existingDatabase())
        return (store, store.path)
    }
}
