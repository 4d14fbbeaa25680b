import Foundation
import TerritorioKit

/// How `territorio serve` runs: where it listens, how long sessions last, how cookies are marked.
public struct ServerSettings: Sendable {
    /// The address to bind: loopback unless told otherwise.
    public var host: String
    public var port: Int
    /// Marks cookies `Secure`: set it when the app is served over TLS (behind a reverse proxy).
    public var secureCookies: Bool
    /// How long a session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// The bcrypt cost of the accounts' hashes (`territorio user add` uses 12): the decoy hash
    /// verified for unknown names has the same, so that both take as long.
    public var bcryptCost: UInt8
    /// Failed sign-ins allowed per account name (and per client address) in ``signInWindow``.
    public var signInAttempts: Int
    public var signInWindow: TimeInterval
    /// How long the published gap report is reused at most when nothing was written through the
    /// app (a command-line `ingest` into the same database shows within this time).
    public var reportLifetime: Duration = .seconds(30)
    /// Whether a reverse proxy stands in front and sets `X-Forwarded-For` (`serve --behind-proxy`):
    /// only then does the self-report limit count per forwarded address; otherwise a client could
    /// name any address in that header and escape the limit.
    public var trustForwardedFor = false
    /// The address people and QGIS use (e.g. `https://territorio.example.org`), for the OGC API's
    /// links; nil takes the request's Host header (fine on loopback, set it behind a proxy).
    public var publicURL: String?
    /// Services not verified for this many months are listed for review (`/services/review`).
    public var staleAfterMonths: Int
    /// The gap analysis's parameters (the same as `territorio report gaps` reads).
    public var analysis: AnalysisConfig
    /// The largest survey export the upload page accepts, in bytes (`serve --upload-limit-mb`).
    public var uploadLimit: Int
    /// What uploads keep of respondents' points (`[privacy]`, as `territorio ingest` reads it).
    public var privacy: LocationPrivacy

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 8 * 3600, bcryptCost: UInt8 = 12,
        signInAttempts: Int = 5, signInWindow: TimeInterval = 15 * 60,
        publicURL: String? = nil, analysis: AnalysisConfig = .standard,
        uploadLimit: Int = 20 * 1024 * 1024, privacy: LocationPrivacy = .standard, staleAfterMonths: Int = 6
    ) {
        self.staleAfterMonths = staleAfterMonths
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.signInAttempts = signInAttempts
        self.signInWindow = signInWindow
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.analysis = analysis
        self.uploadLimit = uploadLimit
        self.privacy = privacy
    }
}
