import ArgumentParser
import Foundation
import TerritorioKit
import TerritorioPostGIS

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export municipalities, services, needs or submissions as GeoJSON or CSV (services also as HSDS).",
        discussion: """
            services --format csv writes the import format (importing it again changes nothing); \
            --format hsds writes an Open Referral HSDS 3.0 tabular data package into the folder \
            --out. needs are aggregated per municipality, category, role and period with the \
            report's disclosure control; submissions are anonymised (docs/privacy.md). needs and \
            submissions get a JSON sidecar PATH.meta.json (sources, dates, parameters, k). Files \
            are written whole or not at all.
            """)

    enum Dataset: String, ExpressibleByArgument, CaseIterable {
        case municipalities, services, needs, submissions,
            sessions
    }
    enum Format: String, ExpressibleByArgument, CaseIterable { case geojson, csv, hsds, ics }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What to export: municipalities, services, needs, submissions or sessions.")
    var dataset: Dataset

    @Option(help: "geojson, csv, hsds (services, sessions) or ics (sessions: iCalendar).")
    var format: Format = .geojson

    @Option(help: "The output file (a folder for hsds).")
    var out: String

    @Flag(help: "Only the consortium's members (municipalities).")
    var consortiumOnly = false

    @Option(help: "Analysis parameters (TOML) giving k; default: territorio.toml next to the database.")
    var config: String?

    func validate() throws {
        if format == .hsds && ![.services, .sessions].contains(dataset) {
            throw ValidationError(text("usage.hsds"))
        }
        if format == .ics && dataset != .sessions { throw ValidationError(text("msg3.export.ics_sessions_only")) }
        if dataset == .sessions
            && format == .geojson
        {
            throw ValidationError(text("msg3.export.sessions_formats"))
        }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            switch (dataset, format) {
            case (.services, .ics):
                return  // refused by validate()
            case (.municipalities, _), (.services, _):
                try await exportDirectory(store)
            case (.sessions, _):
                try await exportSessions(store)
            case (.needs, _), (.submissions, _):
                let parameters = try global.analysisConfig(explicit: config)
                let f: ResearchExport.Format = format == .csv ? .csv : .geojson
                if dataset == .needs {
                    try await ResearchExport.needs(from: store, config: parameters, format: f, to: out)
                } else {
                    try await ResearchExport.submissions(from: store, config: parameters, format: f, to: out)
                }
                say(text("wrote", ("file", out + ".meta.json")))
            }
            say(text("wrote", ("file", out)))
        }
    }

    /// Municipalities or services, in `format`.
    func exportDirectory(_ store: StoreOpener.CommandStore) async throws {
        switch (dataset, format) {
        case (.municipalities, .geojson):
            try AtomicFile.write(
                try await MunicipalityExport.geoJSON(from: store, consortiumOnly: consortiumOnly), to: out)
        case (.municipalities, _):
            try AtomicFile.write(try await MunicipalityExport.csv(from: store, consortiumOnly: consortiumOnly), to: out)
        case (_, .geojson):
            try AtomicFile.write(
                ServiceExport.geoJSON(try await store.services(), categories: try await store.categories()), to: out)
        case (_, .hsds):
            try HSDSExport.write(
                services: try await store.services(), categories: try await store.categories(),
                municipalityNames: try await store.municipalityNames(), to: out)
        default:
            try AtomicFile.write(try ServiceExport.csv(try await store.services()), to: out)
        }
    }

    func exportSessions(_ store: StoreOpener.CommandStore) async throws {
        let sessions = try await store.sessions()
        switch format {
        case .ics:
            let services = Dictionary(uniqueKeysWithValues: try await store.services().map { ($0.id, $0) })
            try AtomicFile.write(ICalendar.make(sessions, services: services), to: out)
        case .hsds: try SessionExport.hsds(sessions.map(\.session), to: out)
        default: try AtomicFile.write(try SessionExport.csv(sessions.map(\.session)), to: out)
        }
    }
}
