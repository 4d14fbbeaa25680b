import Foundation
import Hummingbird
import TerritorioData
import TerritorioKit

/// The map viewer: the gap level per municipality for one category on a Leaflet map (Debian's
/// `libjs-leaflet`, served from this app; no background tiles), with the services, the legend
/// and each municipality's published figures; the SVG map as the page's fallback without
/// JavaScript; downloads of the map (SVG, PNG) and the report (GeoJSON, CSV) for planners.
///
/// Who sees it: admins, planners and operators. The figures are the published report's (the
/// same disclosure control as `report gaps` and the public OGC `gaps` collection), so showing
/// them to operators discloses nothing new, and operators who edit services see where the gaps
/// are. Downloads are for planners and admins, whose work the reports are.
extension WebApp {
    static let mapViewers: Set<AccountRole> = [.admin, .planner, .operator]
    static let mapDownloaders: Set<AccountRole> = [.admin, .planner]
    /// Where Debian's `libjs-leaflet` installs Leaflet.
    static let leafletFolder = "/usr/share/javascript/leaflet"
    /// The Leaflet files the app serves, and their types.
    static let leafletFiles = [
        "leaflet.js": "text/javascript; charset=utf-8", "leaflet.css": "text/css; charset=utf-8",
        "images/layers.png": "image/png", "images/layers-2x.png": "image/png",
        "images/marker-icon.png": "image/png", "images/marker-icon-2x.png": "image/png",
        "images/marker-shadow.png": "image/png"
    ]

    func addMapRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/static/leaflet/:file") { _, context in try self.leaflet(context.parameters.get("file") ?? "") }
        router.get("/static/leaflet/images/:file") { _, context in
            try self.leaflet("images/" + (context.parameters.get("file") ?? ""))
        }
        router.get("/static/map.js") { _, _ in try Self.embedded("Web/static/map.js", "text/javascript; charset=utf-8")
        }
        router.get("/static/map.css") { _, _ in try Self.embedded("Web/static/map.css", "text/css; charset=utf-8") }
        router.get("/map") { request, _ in try await self.mapPage(request) }
        router.get("/map/data.json") { request, _ in try await self.mapData(request) }
        router.get("/map/gaps.svg") { request, _ in try await self.mapSVG(request) }
        router.get("/map/gaps.png") { request, _ in try await self.mapPNG(request) }
        router.get("/map/report.geojson") { request, _ in try await self.reportDownload(request, csv: false) }
        router.get("/map/report.csv") { request, _ in try await self.reportDownload(request, csv: true) }
    }

    /// One of Leaflet's files, from the local Debian copy (never a CDN).
    func leaflet(_ name: String) throws -> Response {
        guard let type = Self.leafletFiles[name],
            let data = FileManager.default.contents(atPath: Self.leafletFolder + "/" + name)
        else { throw WebFailure.notFound }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A file compiled into the binary, with its content type.
    static func embedded(_ path: String, _ type: String) throws -> Response {
        guard let data = EmbeddedData.file(path) else { throw WebFailure.notFound }
        return Response(
            status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The gap report as published (disclosure control across survey rounds included): the same
    /// construction as `territorio report gaps` and `territorio map gaps`; nil without municipalities.
    func publishedReport() async throws -> GapReport? {
        try await reports.value { [store, settings] in
            let inputs = try await store.gapInputs(costs: nil)
            guard !inputs.municipalities.isEmpty else { return nil }
            return try await RoundAnalysis.report(GapAnalysis(inputs: inputs, config: settings.analysis), store: store)
        }
    }

    /// The report and the category `?category=` names (its code or label; default the first).
    func mapSelection(_ request: Request) async throws -> (report: GapReport, category: TerritorioKit.Category) {
        guard let report = try await publishedReport(), let first = report.analysis.categories.first else {
            throw WebFailure.notFound
        }
        guard let asked = request.uri.queryParameters["category"].map(String.init), !asked.isEmpty else {
            return (report, first)
        }
        guard let category = TerritorioKit.Category.named(asked, in: report.analysis.categories) else {
            throw WebFailure.notFound
        }
        return (report, category)
    }

    /// The map page: the category switch (a plain form), the Leaflet map with the SVG map inside
    /// as its fallback, the figures as a table, the downloads for planners.
    func mapPage(_ request: Request) async throws -> Response {
        let session = try await require(request, Self.mapViewers)
        let language = language(request)
        let (report, category) = try await mapSelection(request)
        let map = try await Maps.gaps(report: report, category: category.code, language: language, from: store)
        let query = "category=\(URLComponent.encoded(category.code))&lang=\(language)"
        var extra: [String: Any] = [
            "mapTitle": map.title, "date": map.date, "dataURL": "/map/data.json?" + query,
            "svgURL": "/map/gaps.svg?" + query, "attribution": Phrases.text("attribution", language),
            "categories": report.analysis.categories.map {
                ["code": $0.code, "label": $0.label(language), "selected": $0.code == category.code] as [String: Any]
            },
            "fields": Self.mapFields.map { strings.text("map_field_" + $0, language) },
            "rows": figureRows(report, category: category.code, language: language)
        ]
        if Self.mapDownloaders.contains(session.account.role) {
            extra["downloads"] = [
                "svg": "/map/gaps.svg?download=1&" + query, "png": "/map/gaps.png?" + query,
                "geojson": "/map/report.geojson", "csv": "/map/report.csv"
            ]
        }
        return page("map_page", request, session: session, titleKey: "map_title", extra: extra)
    }

    /// The SVG map, exactly as `territorio map gaps` draws it (an attachment with `?download=1`).
    func mapSVG(_ request: Request) async throws -> Response {
        let session = try await require(request, Self.mapViewers)
        let (report, category) = try await mapSelection(request)
        let svg = try await Maps.gaps(
            report: report, category: category.code, language: language(request), from: store
        )
        .svg()
        var headers: HTTPFields = [.contentType: "image/svg+xml; charset=utf-8"]
        if request.uri.queryParameters["download"] != nil {
            guard Self.mapDownloaders.contains(session.account.role) else { throw WebFailure.forbidden }
            headers[.contentDisposition] = "attachment; filename=\"gaps-\(category.code)-\(language(request)).svg\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// The PNG of the SVG map, rendered as `territorio map gaps --png` does (`SVGRasterizer`).
    func mapPNG(_ request: Request) async throws -> Response {
        _ = try await require(request, Self.mapDownloaders)
        let (report, category) = try await mapSelection(request)
        let map = try await Maps.gaps(
            report: report, category: category.code, language: language(request), from: store)
        let data = try SVGRasterizer.png(svg: Data(map.svg().utf8), source: "gaps-\(category.code).svg")
        return Response(
            status: .ok,
            headers: [
                .contentType: "image/png",
                .contentDisposition: "attachment; filename=\"gaps-\(category.code)-\(language(request)).png\""
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The whole gap report, as `territorio report gaps` writes it (GeoJSON or CSV).
    func reportDownload(_ request: Request, csv: Bool) async throws -> Response {
        _ = try await require(request, Self.mapDownloaders)
        guard let report = try await publishedReport() else { throw WebFailure.notFound }
        let text =
            csv
            ? try report.csv()
            : try report.geoJSON(shapes: try await store.consortiumShapes(), timestamp: Date(), costsFile: nil)
        return Response(
            status: .ok,
            headers: [
                .contentType: csv ? "text/csv; charset=utf-8" : "application/geo+json",
                .contentDisposition: "attachment; filename=\"gaps.\(csv ? "csv" : "geojson")\""
            ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
