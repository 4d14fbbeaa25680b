import Foundation
import Hummingbird
import TerritorioData
import TerritorioKit

/// The "Hai bisogno di aiuto?" poster as a print view per language (`/poster?lang=it|en|fr|ar`),
/// drawn by the same renderer as `territorio poster`, with a QR code leading to the public
/// directory page in the same language. Public, like the directory it summarises.
extension WebApp {
    static let qrCodes = QRCodeCache()

    func addPosterRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/poster") { request, _ in try await self.posterPage(request) }
        router.get("/static/poster.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Poster.styleSheet)))
        }
    }

    /// The public directory's absolute address in `language`: the configured public URL, else the
    /// address the server listens on (never the request's Host header, which the client chooses).
    func publicDirectoryURL(language: String) -> String {
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let base = settings.publicURL ?? "http://\(host):\(settings.port)"
        return base + "/?lang=" + language
    }

    func posterPage(_ request: Request) async throws -> Response {
        let language = language(request)
        var poster = try await withQuestions { try await Poster.load(from: store, faq: $0) }
        let url = publicDirectoryURL(language: language)
        poster.link = (url, try Self.qrCodes.svg(url))
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(string: poster.html(language: language, styleSheetURL: "/static/poster.css"))))
    }

    /// Runs `body` with the path of the poster's questions: `$TERRITORIO_GEODATA/faq.csv` when
    /// that folder is set (as the CLI reads it), else a temporary copy of the embedded one.
    func withQuestions<T>(_ body: (String) async throws -> T) async throws -> T {
        if let folder = ProcessInfo.processInfo.environment["TERRITORIO_GEODATA"] {
            return try await body(folder + "/faq.csv")
        }
        guard let data = EmbeddedData.file("GeoData/faq.csv") else { throw WebFailure.notFound }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("territorio-faq-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        return try await body(url.path)
    }
}
