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

    /// The same attributes as CSV, with the representative point, without boundaries.
    public static func csv(from store: Store, consortiumOnly: Bool = false) throws -> String {
        let header = ["code", "name", "province", "population", "population_year", "in_consortium", "boundary_approximate",
                      "area_km2", "rep_lon", "rep_lat"]
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT code, name, ifnull(province, ''), ifnull(population, ''), ifnull(population_year, ''),
                       CASE in_consortium WHEN 1 THEN 'true' ELSE 'false' END,
                       CASE boundary_approximate WHEN 1 THEN 'true' ELSE 'false' END,
                       ifnull(round(area_km2, 2), ''), X(rep_point), Y(rep_point)
                FROM municipality \(consortiumOnly ? "WHERE in_consortium = 1" : "") ORDER BY code
                """).map { row in (0..<10).map { (row[$0] as DatabaseValue).description(csv: true) } }
        }
        return try CSVText.make(header: header, rows: rows)
    }
}

extension DatabaseValue {
    /// Text for a CSV cell: numbers in their shortest exact form, NULL as empty.
    func description(csv: Bool) -> String {
        switch storage {
        case .null: ""
        case .int64(let v): String(v)
        case .double(let v): "\(v)"
        case .string(let s): s
        case .blob(let d): d.base64EncodedString()
        }
    }
}
