import GRDB

/// Municipalities as GeoJSON: boundary, code, name, population, consortium membership and
/// whether the boundary is approximate. Opens in QGIS, geopandas and any web map.
public enum MunicipalityExport {
    public static let attribution = "Confini amministrativi e popolazione: ISTAT (CC BY)"

    /// - Parameter consortiumOnly: only the consortium's members.
    public static func geoJSON(from store: Store, consortiumOnly: Bool = false) throws -> String {
        try store.read { db in
            let approximate = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM municipality WHERE boundary_approximate = 1") ?? false
            var members: [(String, String)] = [("attribution", GeoJSONWriter.quoted(attribution))]
            if approximate {
                members.append(("note", GeoJSONWriter.quoted("Some boundaries are approximate (boundary_approximate = true): import the official ISTAT boundaries to replace them.")))
            }
            var writer = GeoJSONWriter(members: members)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT code, name, province, population, population_year, in_consortium, boundary_approximate, area_km2,
                       X(rep_point), Y(rep_point), AsBinary(geom)
                FROM municipality \(consortiumOnly ? "WHERE in_consortium = 1" : "") ORDER BY code
                """)
            while let row = try rows.next() {
                let shape = try WKB.decodeMultiPolygon(row[10])
                writer.addFeature(properties: [
                    "code": .string(row[0]), "name": .string(row[1]), "province": .string(row[2]),
                    "population": .int(row[3]), "population_year": .int(row[4]),
                    "in_consortium": .bool(row[5]), "boundary_approximate": .bool(row[6]),
                    "area_km2": .double((row[7] as Double?).map { ($0 * 100).rounded() / 100 }),
                    "rep_lon": .double(row[8]), "rep_lat": .double(row[9]),
                ], geometry: .multiPolygon(shape))
            }
            return writer.finish()
        }
    }
}
