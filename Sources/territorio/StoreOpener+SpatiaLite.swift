import TerritorioKit
import TerritorioPostGIS

extension StoreOpener {
    /// The store `value` names: PostGIS for a `postgresql://` URL, else the SpatiaLite file.
    static func open(_ value: String) async throws -> AnyStore {
        try await open(value) { try Store.open(at: $0) }
    }
}
