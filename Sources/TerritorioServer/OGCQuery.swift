import Hummingbird
import TerritorioKit

/// The query of an items request: `limit` (1…10 000, default 100), `offset`, `bbox` (lon/lat).
struct OGCQuery {
    static let defaultLimit = 100
    static let maximumLimit = 10_000
    var limit = defaultLimit
    var offset = 0
    var bbox: BoundingBox?

    /// The query of `request`; a malformed parameter is a 400, as the standard asks.
    init(_ request: Request) throws {
        let q = request.uri.queryParameters
        if let text = q["limit"] {
            guard let n = Int(String(text)), n >= 1 else { throw WebFailure.badRequest }
            limit = min(n, Self.maximumLimit)
        }
        if let text = q["offset"] {
            guard let n = Int(String(text)), n >= 0 else { throw WebFailure.badRequest }
            offset = n
        }
        if let text = q["bbox"] {
            let numbers = text.split(separator: ",").compactMap { Double($0) }
            guard numbers.count == 4, numbers[0] <= numbers[2], numbers[1] <= numbers[3] else {
                throw WebFailure.badRequest
            }
            bbox = BoundingBox(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3])
        }
    }

    /// Whether `feature` falls in the bbox (features without extent never do when there is one).
    func matches(_ feature: OGCFeature) -> Bool {
        guard let bbox else { return true }
        return feature.extent.map(bbox.intersects) ?? false
    }
}
