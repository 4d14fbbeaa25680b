import Crypto
import Foundation
import Hummingbird
import TerritorioData
import TerritorioKit

/// The working group's web app: the public directory, sign-in, the service directory with
/// editing, the audit log and the OGC API – Features. Every route checks its role on the server.
public struct WebApp: Sendable {
    /// The database, of either backend; its exports feed the researchers' downloads.
    let store: any WebStore & ExportStore
    let settings: ServerSettings
    let pages: PageRenderer
    let strings: WebStrings
    let limiter: SignInLimiter
    /// The gap report the map and the OGC API publish, and the OGC gap layer made from it,
    /// shared between requests.
    let reports: PublishedCache<GapReport?>
    let gapLayer: PublishedCache<[OGCFeature]>
    /// Self-reports per client (the same counter as sign-ins, another budget).
    let selfReportLimiter = SignInLimiter(attempts: WebApp.selfReportLimit, window: WebApp.selfReportWindow)
    /// A bcrypt hash (of the accounts' cost) that matches no password: verified against when the
    /// account does not exist, so that a wrong name takes as long as a wrong password.
    let decoyHash: String

    /// The app on `store`; the templates and strings are the embedded ones.
    package init(store: any WebStore & ExportStore, settings: ServerSettings) throws {
        self.store = store
        self.settings = settings
        self.pages = try PageRenderer.embedded()
        self.strings = WebStrings.embedded
        self.limiter = SignInLimiter(attempts: settings.signInAttempts, window: settings.signInWindow)
        self.reports = PublishedCache(lifetime: settings.reportLifetime)
        self.gapLayer = PublishedCache(lifetime: settings.reportLifetime)
        self.decoyHash = Passwords.hash(Self.randomToken(), cost: settings.bcryptCost)
    }

    /// The router with every route and the security middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        router.add(middleware: FailurePages(app: self))
        router.add(middleware: MessageLanguage { [self] request in language(request) })
        router.add(
            middleware: WriteInvalidation { [reports, gapLayer] in
                reports.invalidate()
                gapLayer.invalidate()
            })
        addPublicRoutes(router)
        addSignInRoutes(router)
        addServiceRoutes(router)
        addAdminRoutes(router)
        addOGCRoutes(router)
        addUploadRoutes(router)
        addMapRoutes(router)
        addPosterRoutes(router)
        addEntryRoutes(router)
        addSelfReportRoutes(router)
        return router
    }

    /// The application, listening where the settings say.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(
                address: .hostname(settings.host, port: settings.port),
                serverName: "territorio"))
    }

    /// The embedded stylesheet.
    func addPublicRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/static/style.css") { _, _ in
            guard let data = EmbeddedData.file("Web/static/style.css") else { throw WebFailure.notFound }
            return Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/") { request, _ in try await self.publicDirectory(request) }
    }
}

extension WebApp {
    /// The language of `request` (see ``WebStrings/negotiate(query:cookie:acceptLanguage:)``).
    func language(_ request: Request) -> String {
        WebStrings.negotiate(
            query: request.uri.queryParameters["lang"].map(String.init),
            cookie: request.cookies["lang"]?.value,
            acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The signed-in session of `request`, or nil.
    func session(_ request: Request) async throws -> SessionRecord? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        return try await store.session(tokenHash: Self.hash(token), now: Date())
    }

    /// The session of `request` when its account has one of `roles`; otherwise the request fails
    /// (sign-in required, or forbidden).
    func require(_ request: Request, _ roles: Set<AccountRole> = Set(AccountRole.allCases)) async throws
        -> SessionRecord
    {
        guard let session = try await session(request) else { throw WebFailure.signInRequired }
        guard roles.contains(session.account.role) else { throw WebFailure.forbidden }
        return session
    }

    static let sessionCookie = "territorio_session"
    static let signInCookie = "territorio_signin"

    /// SHA-256 in hex: what the store keeps of a session token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 32 random bytes in hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two tokens in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A cookie as the app sets them: HttpOnly, SameSite=Strict, Secure when configured.
    func cookie(_ name: String, _ value: String, maxAge: Int?, path: String = "/") -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: path, secure: settings.secureCookies,
            httpOnly: true, sameSite: .strict)
    }

    /// The URL-encoded form of a POST (at most 64 KiB).
    func form<Form: Decodable>(_ request: Request, as type: Form.Type) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: buffer))
        } catch {
            throw WebFailure.badRequest
        }
    }

    /// Fails with 403 unless `token` is the session's CSRF token.
    func checkCSRF(_ token: String?, _ session: SessionRecord) throws {
        guard let token, Self.same(token, session.csrf) else { throw WebFailure.csrf }
    }
}
