import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// Who may download the anonymised research exports.
    static let exportRoles: Set<AccountRole> = [.admin, .researcher]

    /// The files of the exports page: `territorio export needs|submissions --format csv|geojson`
    /// and their `.meta.json` sidecars.
    static let exportFiles: [(dataset: String, format: ResearchExport.Format)] = [
        ("needs", .csv), ("needs", .geojson), ("submissions", .csv), ("submissions", .geojson)
    ]

    func addExportRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/exports") { request, _ in try await self.exportsPage(request) }
        router.get("/exports/:file") { request, context in
            try await self.exportDownload(request, file: context.parameters.get("file") ?? "")
        }
    }

    func exportsPage(_ request: Request, error: String? = nil) async throws -> Response {
        let session = try await require(request, Self.exportRoles)
        let language = language(request)
        let files: [[String: Any]] = Self.exportFiles.map { dataset, format in
            let name = "\(dataset).\(format.rawValue)"
            return [
                "name": name, "meta": name + ".meta.json", "format": format.rawValue.uppercased(),
                "description": strings.text("upload_export_\(dataset)", language)
            ]
        }
        var extra: [String: Any] = ["files": files, "k": "\(settings.analysis.k)"]
        if let error { extra["error"] = error }
        return page(
            "upload_exports", request, session: session, titleKey: "upload_exports",
            status: error == nil ? .ok : .unprocessableContent, extra: extra)
    }

    /// One export file, made now by the library call `territorio export` uses (same anonymisation
    /// and disclosure control, the server's k), then deleted from the disk; the download is audited.
    func exportDownload(_ request: Request, file: String) async throws -> Response {
        let session = try await require(request, Self.exportRoles)
        let base = file.hasSuffix(".meta.json") ? String(file.dropLast(".meta.json".count)) : file
        guard let (dataset, format) = Self.exportFiles.first(where: { "\($0.dataset).\($0.format.rawValue)" == base })
        else { throw WebFailure.notFound }
        let folder = try Self.temporaryFolder("export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(base).path
        do {
            if dataset == "needs" {
                try await ResearchExport.needs(from: store, config: settings.analysis, format: format, to: path)
            } else {
                try await ResearchExport.submissions(from: store, config: settings.analysis, format: format, to: path)
            }
        } catch let error as InputError {
            return try await exportsPage(request, error: error.lines(limit: 10).joined(separator: "\n"))
        }
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        try await store.recordAudit("export.download", object: "export \(file)", by: session.account)
        let type =
            file.hasSuffix(".csv")
            ? "text/csv; charset=utf-8"
            : file.hasSuffix(".geojson") ? "application/geo+json" : "application/json"
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
