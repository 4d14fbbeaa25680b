import ArgumentParser
import TerritorioKit

struct ImportBoundariesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundaries",
        abstract: "Import municipal boundaries from a GeoJSON file (e.g. ISTAT's, via openpolis).",
        discussion: """
            Every feature needs a 6-digit ISTAT code, a name and a Polygon or MultiPolygon in WGS84 \
            longitude/latitude (EPSG:4326). Polygons are stored as MultiPolygons; invalid geometries \
            are repaired and reported. Municipalities already in the database are updated in place \
            (by code); official boundaries replace the demo's approximate ones.

            Any problem in the file is reported with the feature number (counted from 0, as \
            ogrinfo and QGIS do) and nothing is imported. For a Shapefile, convert it first: \
            ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.shp
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The GeoJSON file.")
    var file: String

    @Option(help: "The property holding the 6-digit ISTAT code.")
    var codeField = "com_istat_code"

    @Option(help: "The property holding the municipality's name.")
    var nameField = "name"

    @Option(help: "The property holding the province (used when present).")
    var provinceField = "prov_acr"

    func run() async throws {
        try await reportingFailures {
            let boundaries = try BoundaryFile.read(
                path: file, fields: .init(code: codeField, name: nameField, province: provinceField))
            let store = try await global.openStore()
            let report = try await store.importBoundaries(boundaries, source: file, approximate: false)
            say(
                text(
                    "boundaries.imported", ("file", file), ("count", boundaries.boundaries.count),
                    ("added", report.added.count), ("updated", report.updated.count),
                    ("unchanged", report.unchanged.count)))
            for r in report.repaired {
                say(text("boundaries.repaired", ("code", r.code), ("name", Echo.value(r.name)), ("reason", r.reason)))
            }
            if !report.stillApproximate.isEmpty {
                say(
                    text(
                        "boundaries.still_approximate", ("count", report.stillApproximate.count),
                        ("list", listing(report.stillApproximate))))
            }
        }
    }
}
