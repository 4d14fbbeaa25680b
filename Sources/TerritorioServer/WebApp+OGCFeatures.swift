import Foundation
import TerritorioKit

/// What each OGC collection publishes.
extension WebApp {
    func features(_ collection: String) async throws -> [OGCFeature] {
        switch collection {
        case "municipalities": try await municipalityFeatures()
        case "services": try await serviceFeatures()
        case "gaps": try await gapFeatures()
        default: throw WebFailure.notFound
        }
    }

    func municipalityFeatures() async throws -> [OGCFeature] {
        try await store.municipalities(consortiumOnly: true, withShapes: true).map { m in
            OGCFeature(
                id: m.code, extent: m.shape?.boundingBox,
                properties: [
                    ("istat_code", .string(m.code)), ("name", .string(m.name)), ("province", .string(m.province)),
                    ("population", .int(m.population)), ("population_year", .int(m.populationYear)),
                    ("area_km2", .double(m.areaKm2)), ("boundary_approximate", .bool(m.boundaryApproximate))
                ], geometry: m.shape.map { .multiPolygon(RightHandRule.apply($0)) } ?? .none)
        }
    }

    func serviceFeatures() async throws -> [OGCFeature] {
        try await store.services().map { s in
            let fields = s.fields
            let properties = Service.columns.filter { $0 != "lat" && $0 != "lon" }.map {
                (key: $0, value: GeoJSONWriter.Value.string(fields[$0].flatMap { $0.isEmpty ? nil : $0 }))
            }
            return OGCFeature(
                id: s.id, extent: BoundingBox([s.location]), properties: properties,
                geometry: .point(s.location))
        }
    }

    /// The gap report's features, exactly as `territorio report gaps` publishes them.
    func gapFeatures() async throws -> [OGCFeature] {
        try await gapLayer.value { [self] in
            // The same construction as `report gaps`: disclosure control across survey rounds included.
            guard let report = try await publishedReport() else { return [] }
            let inputs = report.analysis.inputs
            let shapes = try await store.consortiumShapes()
            return inputs.municipalities.enumerated().map { i, m in
                OGCFeature(
                    id: m.code, extent: shapes[m.code]?.boundingBox, properties: report.properties(municipality: i),
                    geometry: shapes[m.code].map { .multiPolygon(RightHandRule.apply($0)) } ?? .none)
            }
        }
    }
}
