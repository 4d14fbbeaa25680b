import ArgumentParser
import Foundation
import TerritorioKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the embedded default (the Novi Ligure consortium) and write its outputs.",
        discussion: """
            Creates OUT/territorio.sqlite from GeoData/: the 29 member municipalities with their \
            2011 population and approximate boundaries (Voronoi cells of their interior points, \
            flagged as approximate everywhere), the taxonomy and the demo service directory, and \
            writes OUT/municipalities.geojson and OUT/services.geojson. \
            An existing demo database in OUT is replaced as a whole, never half-written.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Where to write the database and outputs.")
    var out = "out"

    @Flag(name: .customLong("no-png"), help: "Write the maps as SVG only (PNG rendering takes most of the demo's time).")
    var noPNG = false

    @Option(help: "The GeoData folder (default: found next to the sources, or $TERRITORIO_GEODATA).")
    var geodata: String?

    func run() throws {
        try reportingFailures {
            let started = Date()
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let geoData = try EmbeddedDefault.locateGeoData(explicit: geodata)
            let database = global.explicitDatabase ?? out + "/territorio.sqlite"

            // Build in a temporary file and move it into place: the demo database is whole or absent.
            let temporary = database + ".building"
            try removeDatabase(temporary)
            let store = try Store.open(at: temporary)
            try EmbeddedDefault.load(into: store, geoData: geoData)
            let surveys = try EmbeddedDefault.ingestSamples(into: store, geoData: geoData)
            try store.close()
            try removeDatabase(database)
            try FileManager.default.moveItem(atPath: temporary, toPath: database)

            let final = try Store.open(at: database)
            let geojson = out + "/municipalities.geojson"
            try AtomicFile.write(try MunicipalityExport.geoJSON(from: final, consortiumOnly: true), to: geojson)
            let servicesPath = out + "/services.geojson"
            try AtomicFile.write(ServiceExport.geoJSON(try final.services(), categories: try final.categories()), to: servicesPath)
            let inputs = try GapInputs.load(from: final)
            let report = GapReport(GapAnalysis(inputs: inputs, config: .standard))
            let gapsPath = out + "/gaps.geojson"
            try AtomicFile.write(try report.geoJSON(store: final, timestamp: nil, costsFile: nil), to: gapsPath)
            try AtomicFile.write(try report.csv(), to: out + "/gaps.csv")
            // Maps: every category's gaps, and the services; PNG too when rsvg-convert is there.
            let maps = out + "/maps"
            try FileManager.default.createDirectory(atPath: maps, withIntermediateDirectories: true)
            let pngs = !noPNG && ExternalTool.find(["rsvg-convert"]) != nil
            var mapFiles: [SVGMap] = []
            var names: [String] = []
            for c in inputs.categories {
                mapFiles.append(try Maps.gaps(report: report, category: c.code, language: "it", store: final)); names.append("gaps-\(c.code)")
            }
            mapFiles.append(try Maps.services(inputs: inputs, language: "it", store: final)); names.append("services")
            for (map, name) in zip(mapFiles, names) { try AtomicFile.write(map.svg(), to: "\(maps)/\(name).svg") }
            if pngs { try Maps.pngs(names.map { ("\(maps)/\($0).svg", "\(maps)/\($0).png") }) }
            let posterDir = out + "/poster"
            try FileManager.default.createDirectory(atPath: posterDir, withIntermediateDirectories: true)
            let poster = try Poster.load(store: final, faq: geoData + "/faq.csv")
            for l in Phrases.languages { try AtomicFile.write(poster.html(language: l), to: "\(posterDir)/poster-\(l).html") }
            let summary = try final.summary()
            say("Demo ready in \(String(format: "%.1f", Date().timeIntervalSince(started))) s:")
            say("  \(database): \(summary.consortium.members) consortium municipalities, \(summary.consortium.population.formatted()) residents (2011)")
            say("  \(geojson): their boundaries for QGIS or a web map")
            say("  \(servicesPath): \(summary.services) services in \(summary.categories) categories (\(summary.servicesUnverified) illustrative, not verified)")
            say("  \(gapsPath), \(out)/gaps.csv: the coverage-gap report (29 municipalities × \(inputs.categories.count) categories, k = 5)")
            say("  \(maps)/: \(names.count) maps (SVG\(pngs ? " and PNG" : noPNG ? "" : "; install librsvg2-bin for PNG")): the gap level of each category, and the services")
            say("  \(posterDir)/poster-{it,en,fr,ar}.html: the \"Hai bisogno di aiuto?\" poster (A3; PDF with `territorio poster --pdf`)")
            say("  surveys: \(surveys.map { "\($0.accepted) \($0.form.rawValue) submissions from \(URL(fileURLWithPath: $0.file).lastPathComponent) (\($0.dialect.rawValue))" }.joined(separator: ", ")) — synthetic")
            say("  note: the boundaries are APPROXIMATE (Voronoi cells of interior points). For the official ones:")
            say("        territorio import boundaries --db \(database) municipalities-P006-alessandria.geojson")
        }
    }

    private func removeDatabase(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
