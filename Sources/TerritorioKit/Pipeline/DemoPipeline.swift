import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioRender
import TerritorioStore

/// The embedded default, built end to end: the database from `GeoData/`, the synthetic survey
/// samples ingested, then the gap report, the maps and the poster. The CLI's `demo` command and
/// the tests call ``run(_:)`` and print or check the ``DemoManifest`` it returns.
public enum DemoPipeline {
    /// What to build, and where.
    public struct Options: Sendable {
        /// The output folder (created when missing).
        public var out: String
        /// The database to build (default `OUT/territorio.sqlite`).
        public var database: String?
        /// Where the default's files come from (the embedded copy unless a folder is named).
        public var data: DefaultData
        /// Render the maps to PNG as well as SVG (when `rsvg-convert` is installed).
        public var png: Bool

        public init(out: String, database: String? = nil, data: DefaultData = .embedded, png: Bool = true) {
            self.out = out
            self.database = database
            self.data = data
            self.png = png
        }
    }

    /// Builds the demo as described by `options` and returns what it wrote.
    public static func run(_ options: Options) throws -> DemoManifest {
        try options.data.withGeoData { geoData in try run(options, geoData: geoData) }
    }

    static func run(_ options: Options, geoData: String) throws -> DemoManifest {
        let started = Date()
        try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
        let database = options.database ?? options.out + "/territorio.sqlite"
        let samples = try copySamples(geoData: geoData, out: options.out)
        let surveys = try buildDatabase(at: database, geoData: geoData, samples: samples)
        let store = try Store.open(at: database)
        var manifest = DemoManifest(database: database, surveys: surveys, summary: try store.summary())
        // The PDF summary (Chromium, another program) and the PNG maps (librsvg, on background
        // threads) start as soon as their input is written and run while the rest is built.
        let renderings = BackgroundJobs()
        do {
            try writeChanges(store: store, out: options.out, pdf: options.png, renderings: renderings, into: &manifest)
            let inputs = try GapInputs.load(from: store)
            let report = try RoundAnalysis.report(GapAnalysis(inputs: inputs, config: .standard), store: store)
            manifest.categories = inputs.categories.count
            try writeMaps(
                store: store, report: report, out: options.out, png: options.png, renderings: renderings,
                into: &manifest)
            try writeGeoJSON(store: store, report: report, out: options.out, into: &manifest)
            try writePosters(store: store, geoData: geoData, out: options.out, into: &manifest)
        } catch {
            renderings.waitIgnoringFailures()
            throw error
        }
        try renderings.wait()
        manifest.seconds = Date().timeIntervalSince(started)
        return manifest
    }

    /// Builds the database in a temporary file and moves it into place, so that the demo
    /// database is whole or absent; returns the ingested samples' summaries.
    static func buildDatabase(at database: String, geoData: String, samples: [String]) throws -> [IngestSummary] {
        let temporary = database + ".building"
        try Store.removeDatabaseFiles(temporary)
        do {
            let store = try Store.open(at: temporary)
            let surveys: [IngestSummary]
            do {
                try EmbeddedDefault.load(into: store, geoData: geoData)
                try EmbeddedDefault.loadBetweenMeetings(into: store, geoData: geoData)
                surveys = try EmbeddedDefault.ingestSamples(into: store, paths: samples)
            } catch {
                try? store.close()
                throw error
            }
            try store.close()
            try Store.replaceDatabase(at: database, with: temporary)
            return surveys
        } catch {
            try? Store.removeDatabaseFiles(temporary)
            throw error
        }
    }

    /// Copies the synthetic survey exports into `OUT/surveys/`, so that the files the demo
    /// ingested are there to look at (and to try `territorio ingest` on); returns their paths.
    static func copySamples(geoData: String, out: String) throws -> [String] {
        let folder = out + "/surveys"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try EmbeddedDefault.sampleSurveys(geoData: geoData).map { source in
            let target = folder + "/" + URL(fileURLWithPath: source).lastPathComponent
            try AtomicFile.write(try Data(contentsOf: URL(fileURLWithPath: source)), to: target)
            return target
        }
    }

    static func writeGeoJSON(store: Store, report: GapReport, out: String, into manifest: inout DemoManifest) throws {
        let municipalities = out + "/municipalities.geojson"
        let members = try store.municipalities(consortiumOnly: true, withShapes: true)
        try AtomicFile.write(MunicipalityExport.geoJSON(members), to: municipalities)
        let services = out + "/services.geojson"
        try AtomicFile.write(
            ServiceExport.geoJSON(try store.services(), categories: try store.categories()), to: services)
        let gaps = out + "/gaps.geojson"
        let gapsCSV = out + "/gaps.csv"
        try AtomicFile.write(try report.geoJSON(store: store, timestamp: nil, costsFile: nil), to: gaps)
        try AtomicFile.write(try report.csv(), to: gapsCSV)
        manifest.municipalities = municipalities
        manifest.services = services
        manifest.gaps = [gaps, gapsCSV]
    }

    /// One gap map per category and the services map, in Italian; the PNGs rendered side by
    /// side in the background (`renderings`).
    static func writeMaps(
        store: Store, report: GapReport, out: String, png: Bool, renderings: BackgroundJobs,
        into manifest: inout DemoManifest
    ) throws {
        let folder = out + "/maps"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let inputs = report.analysis.inputs
        var maps: [(name: String, map: SVGMap)] = try inputs.categories.map { c in
            ("gaps-\(c.code)", try Maps.gaps(report: report, category: c.code, language: "it", store: store))
        }
        maps.append(("services", try Maps.services(inputs: inputs, language: "it", store: store)))
        for (name, map) in maps { try AtomicFile.write(map.svg(), to: "\(folder)/\(name).svg") }
        manifest.maps = maps.map { "\(folder)/\($0.name).svg" }
        guard png else { return }
        let jobs = maps.map { (svg: "\(folder)/\($0.name).svg", png: "\(folder)/\($0.name).png") }
        renderings.start { try Maps.pngs(jobs) }
        manifest.pngs = maps.map { "\(folder)/\($0.name).png" }
    }

    static func writePosters(store: Store, geoData: String, out: String, into manifest: inout DemoManifest) throws {
        let folder = out + "/poster"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let poster = try Poster.load(store: store, faq: geoData + "/faq.csv")
        manifest.sessions = poster.sessions.count
        for language in Phrases.languages {
            let path = "\(folder)/poster-\(language).html"
            try AtomicFile.write(poster.html(language: language), to: path)
            manifest.posters.append(path)
        }
    }

    /// The change report between the first two rounds: GeoJSON, CSV and the Italian meeting
    /// summary; its PDF only when `pdf` is asked for and Chromium is installed, printed in the
    /// background (`renderings`).
    static func writeChanges(
        store: Store, out: String, pdf: Bool, renderings: BackgroundJobs, into manifest: inout DemoManifest
    ) throws {
        let rounds = try store.rounds()
        guard rounds.count >= 2 else { return }
        let report = try ChangeReport.make(store: store, from: rounds[0].name, to: rounds[1].name, config: .standard)
        let shapes = try store.consortiumShapes()
        let geojson = out + "/changes.geojson"
        let csv = out + "/changes.csv"
        let html = out + "/changes-summary-it.html"
        try AtomicFile.write(try report.geoJSON(shapes: shapes), to: geojson)
        try AtomicFile.write(try report.csv(), to: csv)
        try AtomicFile.write(
            ChangeSummary(report: report, shapes: shapes, language: "it").html(language: "it"),
            to: html)
        manifest.changes = [geojson, csv, html]
        manifest.changeRounds = "\(report.from.name) → \(report.to.name)"
        if pdf && ExternalTool.find(Poster.chromium) != nil {
            let path = out + "/changes-summary-it.pdf"
            renderings.start { try Poster.pdf(htmlPath: html, pdfPath: path) }
            manifest.changes.append(path)
        }
    }
}
