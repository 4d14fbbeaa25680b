import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the embedded default (the Novi Ligure consortium) and write its outputs.",
        discussion: """
            Creates OUT/territorio.sqlite from the embedded default: the 29 member municipalities \
            with their official ISTAT boundaries and 2011 population, the taxonomy, the demo \
            service directory and the synthetic survey samples; then writes the municipalities and \
            services as GeoJSON, the gap report, the maps and the poster into OUT. \
            An existing demo database in OUT is replaced as a whole, never half-written. \
            With --db postgresql://…, the same data are also loaded into that PostGIS database, which \
            must be empty (the outputs in OUT are the same from either backend).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Where to write the database and outputs.")
    var out = "out"

    @Flag(
        name: .customLong("no-png"), help: "Write the maps as SVG only (PNG rendering takes most of the demo's time).")
    var noPNG = false

    @Option(help: "A GeoData folder to build from instead of the embedded one (also $TERRITORIO_GEODATA).")
    var geodata: String?

    func run() async throws {
        try await reportingFailures {
            let data = try DefaultData.locate(explicit: geodata)
            let server = global.explicitDatabase.flatMap { PostgresURL.isPostgres($0) ? $0 : nil }
            var store: (store: StoreOpener.AnyStore, name: String)?
            if let server { store = try await Self.emptyServer(server) }
            let manifest = try DemoPipeline.run(
                .init(out: out, database: server == nil ? global.explicitDatabase : nil, data: data, png: !noPNG))
            for line in Self.describe(manifest) { say(line) }
            if let store { try await Self.load(into: store, data: data) }
        }
    }

    /// The PostGIS database `url`, opened, when it is empty (checked before the demo writes anything).
    static func emptyServer(_ url: String) async throws -> (store: StoreOpener.AnyStore, name: String) {
        let store = try await StoreOpener.open(url)
        let name = ((try? PostgresURL(url)) ?? nil)?.redacted ?? url
        do { try await DemoPipeline.checkEmpty(store) } catch is DemoPipeline.NotEmpty {
            throw InputError(file: name, kind: .invalid, text("pgcmds.demo.not_empty"))
        }
        return (store, name)
    }

    /// The demo loaded into the PostGIS database too.
    static func load(into server: (store: StoreOpener.AnyStore, name: String), data: DefaultData) async throws {
        let surveys = try await DemoPipeline.load(into: server.store, data: data)
        let summary = try await server.store.summary()
        say(
            text(
                "pgcmds.demo.loaded", ("database", server.name), ("municipalities", summary.municipalities),
                ("services", summary.services), ("submissions", surveys.map(\.accepted).reduce(0, +))))
    }

    /// What the demo wrote, in a few lines for people.
    static func describe(_ m: DemoManifest) -> [String] {
        let s = m.summary
        let maps = ((m.maps.first ?? "maps/x") as NSString).deletingLastPathComponent
        let posters = ((m.posters.first ?? "poster/x") as NSString).deletingLastPathComponent
        let pngNote = !m.pngs.isEmpty ? " " + text("msg3.demo.maps_png") : ""
        let pdfNote = m.changes.contains { $0.hasSuffix(".pdf") } ? " " + text("msg3.demo.changes_pdf") : ""
        let surveys = m.surveys.map {
            text(
                "msg3.demo.survey", ("count", $0.accepted), ("form", $0.form.rawValue),
                ("dialect", $0.dialect.rawValue),
                ("file", URL(fileURLWithPath: $0.file).lastPathComponent))
        }
        // The catalogue's fields are trimmed: the indentation of the details is added here.
        let details = [
            text(
                "msg3.demo.database", ("members", s.consortium.members), ("residents", s.consortium.population),
                ("file", m.database)),
            text("msg3.demo.municipalities", ("file", m.municipalities)),
            text(
                "msg3.demo.services", ("services", s.services), ("categories", s.categories),
                ("unverified", s.servicesUnverified), ("file", m.services)),
            text(
                "msg3.demo.gaps", ("members", s.consortium.members), ("categories", m.categories),
                ("files", m.gaps.joined(separator: ", "))),
            text("msg3.demo.maps", ("count", m.maps.count), ("png", pngNote), ("folder", maps)),
            text("msg3.demo.poster", ("files", posters + "/poster-{it,en,fr,ar}.html")),
            text("msg3.demo.surveys", ("list", surveys.joined(separator: ", "))),
            text(
                "msg3.demo.changes", ("rounds", m.changeRounds), ("pdf", pdfNote),
                ("files", m.changes.joined(separator: ", "))),
            text("msg3.demo.sessions", ("count", m.sessions))
        ]
        return [text("msg3.demo.ready", ("seconds", String(format: "%.1f", m.seconds)))]
            + details.map { "  " + $0 } + [text("msg3.demo.sources")]
    }
}
