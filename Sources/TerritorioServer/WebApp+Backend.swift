import TerritorioKit

extension WebApp {
    /// The SpatiaLite store behind the app, for the pages whose computation (the gap report, the
    /// map, the poster, the researcher exports) reads a SpatiaLite file only so far; on a PostGIS
    /// server those pages answer 501 with a message saying so.
    func spatiaLite() throws -> Store {
        guard let local = store as? Store else { throw WebFailure.notOnPostGIS }
        return local
    }
}
