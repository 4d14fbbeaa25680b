import PostgresNIO
import TerritorioCore

/// Why a PostGIS store could not be opened, said for people (the server's own message when
/// there is one).
public enum PostGISError: Error, CustomStringConvertible {
    case unreachable(location: String, reason: String)
    /// The server refused a write; nothing of it was kept (its transaction was rolled back).
    case refused(location: String, reason: String)
    /// `feature` works only on a SpatiaLite database so far (the web app's features).
    case notOnPostGIS(feature: String)

    public var description: String {
        switch self {
        case .unreachable(let location, let reason):
            Messages.text("msg3.pg.unreachable", ("location", location), ("reason", reason))
        case .refused(let location, let reason):
            Messages.text("msg3.pg.refused", ("location", location), ("reason", reason))
        case .notOnPostGIS(let feature):
            Messages.text("msg3.pg.not_on_postgis", ("feature", feature))
        }
    }

    /// The server's message for `error`, else its kind (PostgresNIO hides details from `description`).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
