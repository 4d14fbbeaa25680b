import Foundation
import Hummingbird
import TerritorioKit

/// OGC API – Features, Core and GeoJSON: municipalities, services and the gap report (through
/// the report's disclosure control). Submissions are never published. Public, read-only.
extension WebApp {
    static let collections: [(id: String, title: String, description: String)] = [
        ("municipalities", "Municipalities", "The consortium's municipalities: ISTAT code, name, population."),
        ("services", "Services", "The service directory."),
        (
            "gaps", "Coverage gaps",
            "The gap report per municipality and category; counts below k are withheld (null, with _suppressed)."
        )
    ]
    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
    ]

    func addOGCRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/ogc") { request, _ in try self.json(self.landing(self.base(request))) }
        router.get("/ogc/conformance") { _, _ in try self.json(["conformsTo": Self.conformance]) }
        router.get("/ogc/collections") { request, _ in
            let base = self.base(request)
            var list: [[String: Any]] = []
            for c in Self.collections { list.append(try await self.collection(c.id, base: base)) }
            return try self.json([
                "collections": list,
                "links": [Self.link(base + "/ogc/collections", "self", "application/json")]
            ])
        }
        router.get("/ogc/collections/:cid") { request, context in
            let collection = try await self.collection(context.parameters.get("cid") ?? "", base: self.base(request))
            return try self.json(collection)
        }
        router.get("/ogc/collections/:cid/items") { request, context in
            try await self.items(request, collection: context.parameters.get("cid") ?? "")
        }
        router.get("/ogc/collections/:cid/items/:fid") { request, context in
            let id = URLComponent.parameter(context, "fid")
            let features = try await self.features(context.parameters.get("cid") ?? "")
            guard let feature = features.first(where: { $0.id == id }) else { throw WebFailure.notFound }
            return self.featureResponse(feature)
        }
    }

    /// The server's address: the configured public URL, else the Host the client used (links are
    /// absolute, as GDAL expects).
    func base(_ request: Request) -> String {
        if let url = settings.publicURL { return url }
        let host = request.head.authority ?? "\(settings.host):\(settings.port)"
        let safe = host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? host : settings.host
        return (settings.secureCookies ? "https://" : "http://") + safe
    }

    static func link(_ href: String, _ rel: String, _ type: String, title: String? = nil) -> [String: String] {
        var link = ["href": href, "rel": rel, "type": type]
        if let title { link["title"] = title }
        return link
    }

    func landing(_ base: String) -> [String: Any] {
        [
            "title": "territorio", "description": "Municipalities, services and coverage gaps of the consortium.",
            "links": [
                Self.link(base + "/ogc", "self", "application/json"),
                Self.link(base + "/ogc/conformance", "conformance", "application/json"),
                Self.link(base + "/ogc/collections", "data", "application/json")
            ]
        ]
    }

    func collection(_ id: String, base: String) async throws -> [String: Any] {
        guard let c = Self.collections.first(where: { $0.id == id }) else { throw WebFailure.notFound }
        let extent = try await features(id).compactMap(\.extent).reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 }
        var out: [String: Any] = [
            "id": c.id, "title": c.title, "description": c.description, "itemType": "feature",
            "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
            "links": [
                Self.link(base + "/ogc/collections/" + id, "self", "application/json"),
                Self.link(base + "/ogc/collections/" + id + "/items", "items", "application/geo+json")
            ]
        ]
        if let e = extent { out["extent"] = ["spatial": ["bbox": [[e.minX, e.minY, e.maxX, e.maxY]]]] }
        return out
    }

    func items(_ request: Request, collection id: String) async throws -> Response {
        let query = try OGCQuery(request)
        let matched = try await features(id).filter(query.matches)
        let page = matched.dropFirst(query.offset).prefix(query.limit)
        let base = self.base(request) + "/ogc/collections/" + id + "/items"
        let bbox = query.bbox.map { "&bbox=\($0.minX),\($0.minY),\($0.maxX),\($0.maxY)" } ?? ""
        var links = [
            Self.link(
                "\(base)?limit=\(query.limit)&offset=\(query.offset)\(bbox)", "self",
                "application/geo+json")
        ]
        if query.offset + page.count < matched.count {
            links.append(
                Self.link(
                    "\(base)?limit=\(query.limit)&offset=\(query.offset + page.count)\(bbox)", "next",
                    "application/geo+json"))
        }
        let linksJSON = String(
            decoding: try JSONSerialization.data(withJSONObject: links, options: Self.jsonOptions),
            as: UTF8.self)
        var writer = GeoJSONWriter(members: [
            ("numberMatched", "\(matched.count)"),
            ("numberReturned", "\(page.count)"), ("links", linksJSON)
        ])
        for f in page { writer.addFeature(id: f.id, properties: f.properties, geometry: f.geometry) }
        return Self.geoJSONResponse(writer.finish())
    }

    func featureResponse(_ feature: OGCFeature) -> Response {
        var writer = GeoJSONWriter()
        writer.addFeature(id: feature.id, properties: feature.properties, geometry: feature.geometry)
        let collection = writer.finish()
        // The single feature is the collection's only member: cut it out of the array.
        let start = collection.range(of: "[\n")!.upperBound
        let end = collection.range(of: "\n]}", options: .backwards)!.lowerBound
        return Self.geoJSONResponse(String(collection[start..<end]))
    }

    static let jsonOptions: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]

    func json(_ object: Any) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: Self.jsonOptions)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func geoJSONResponse(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/geo+json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
