import Foundation
import TerritorioCore

/// Municipalities as GeoJSON: boundary, code, name, population, consortium membership and
/// whether the boundary is approximate. Opens in QGIS, geopandas and any web map.
public enum MunicipalityExport {
    public static let attribution = "Confini amministrativi e popolazione: ISTAT (CC BY)"

    /// `records` as a GeoJSON FeatureCollection carrying the attribution; read them with their
    /// shapes (records without one have no feature).
    public static func geoJSON(_ records: [MunicipalityRecord]) -> String {
        var members: [(String, String)] = [("attribution", GeoJSONWriter.quoted(attribution))]
        if records.contains(where: \.boundaryApproximate) {
            members.append(
                (
                    "note",
                    GeoJSONWriter.quoted(
                        "Some boundaries are approximate (boundary_approximate = true): "
                            + "import the official ISTAT boundaries to replace them.")
                ))
        }
        var writer = GeoJSONWriter(members: members)
        for m in records {
            guard let shape = m.shape else { continue }  // records read without their shapes
            writer.addFeature(
                properties: [
                    "code": .string(m.code), "name": .string(m.name), "province": .string(m.province),
                    "population": .int(m.population), "population_year": .int(m.populationYear),
                    "in_consortium": .bool(m.inConsortium), "boundary_approximate": .bool(m.boundaryApproximate),
                    "area_km2": .double(m.areaKm2.map(roundedArea)),
                    "rep_lon": .double(m.representativePoint.lon), "rep_lat": .double(m.representativePoint.lat)
                ], geometry: .multiPolygon(shape))
        }
        return writer.finish()
    }

    public static func csv(_ records: [MunicipalityRecord]) throws -> String {
        let header = [
            "code", "name", "province", "population", "population_year", "in_consortium", "boundary_approximate",
            "area_km2", "rep_lon", "rep_lat"
        ]
        let rows = records.map { m in
            [
                m.code, m.name, m.province ?? "", m.population.map(String.init) ?? "",
                m.populationYear.map(String.init) ?? "", m.inConsortium ? "true" : "false",
                m.boundaryApproximate ? "true" : "false", m.areaKm2.map { "\(roundedArea($0))" } ?? "",
                "\(m.representativePoint.lon)", "\(m.representativePoint.lat)"
            ]
        }
        return try CSVText.make(header: header, rows: rows)
    }

    /// km² to two decimals, as the nearest double to the decimal text (as SQLite's `round`).
    package static func roundedArea(_ km2: Double) -> Double {
        Double(String(format: "%.2f", km2)) ?? km2
    }
}
