import Foundation
import TerritorioCore

/// The service directory as CSV (the import format: exporting and importing again changes
/// nothing) or GeoJSON points (RFC 7946) for QGIS and web maps.
public enum ServiceExport {
    public static func csv(_ services: [Service]) throws -> String {
        try CSVText.make(
            header: Service.columns,
            rows: services.map { s in
                let f = s.fields
                return Service.columns.map { f[$0] ?? "" }
            })
    }

    public static func geoJSON(_ services: [Service], categories: [Category]) -> String {
        let labels = Dictionary(uniqueKeysWithValues: categories.map { ($0.code, $0) })
        // Exact coordinates: researchers recompute accessibility from this file.
        var writer = GeoJSONWriter(
            decimals: nil, members: [("attribution", GeoJSONWriter.quoted(MunicipalityExport.attribution))])
        for s in services {
            let f = s.fields
            var properties: [(key: String, value: GeoJSONWriter.Value)] = Service.columns
                .filter { !["lat", "lon", "capacity", "verified", "location_approximate"].contains($0) }
                .map { ($0, .string(f[$0]!.isEmpty ? nil : f[$0])) }
            properties.append(
                (
                    "category_labels_it",
                    .string(s.categories.map { labels[$0]?.label("it") ?? $0 }.joined(separator: "; "))
                ))
            properties.append(("capacity", .double(s.capacity)))
            properties.append(("verified", .bool(s.verified)))
            properties.append(("location_approximate", .bool(s.locationApproximate)))
            writer.addFeature(properties: properties, geometry: .point(s.location))
        }
        return writer.finish()
    }
}
