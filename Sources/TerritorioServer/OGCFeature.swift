import TerritorioKit

/// One feature an OGC API collection publishes, with its extent for `bbox` filtering.
struct OGCFeature: Sendable {
    var id: String
    var extent: BoundingBox?
    var properties: [(key: String, value: GeoJSONWriter.Value)]
    var geometry: GeoJSONWriter.Shape
}
