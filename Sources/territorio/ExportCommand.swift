import ArgumentParser
import Foundation
import TerritorioKit

struct ExportCommand: ParsableCommand {
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
        if format == .ics && dataset != .sessions { throw ValidationError("--format ics is for sessions only") }
        if dataset == .sessions
            && format == .geojson
        {
            throw ValidationError("sessions: use --format ics, csv or hsds")
        }
    }

    func run() throws {
        try reportingFailures {
            let store = try global.existingStore()
            switch (dataset, format) {
            case (.municipalities, .geojson):
                try AtomicFile.write(
                    MunicipalityExport.geoJSON(
                        try store.municipalities(consortiumOnly: consortiumOnly, withShapes: true)), to: out)
            case (.services, .ics):
                return  // refused by validate()
            case (.municipalities, _):
                try AtomicFile.write(
                    try MunicipalityExport.csv(try store.municipalities(consortiumOnly: consortiumOnly)), to: out)
            case (.services, .geojson):
                try AtomicFile.write(
                    ServiceExport.geoJSON(try store.services(), categories: try store.categories()), to: out)
            case (.services, .csv):
                try AtomicFile.write(try ServiceExport.csv(try store.services()), to: out)
            case (.services, .hsds):
                try HSDSExport.write(
                    services: try store.services(), categories: try store.categories(),
                    municipalityNames: try store.municipalityNames(), to: out)
            case (.sessions, _):
                try exportSessions(store)
            case (.needs, _), (.submissions, _):
                let parameters = try global.analysisConfig(explicit: config)
                let f: ResearchExport.Format = format == .csv ? .csv : .geojson
                if dataset == .needs {
                    try ResearchExport.needs(store: store, config: parameters, format: f, to: out)
                } else {
                    try ResearchExport.submissions(store: store, config: parameters, format: f, to: out)
                }
                say(text("wrote", ("file", out + ".meta.json")))
            }
            say(text("wrote", ("file", out)))
        }
    }

    func exportSessions(_ store: Store) throws {
        let sessions = try store.sessions()
        switch format {
        case .ics:
            let services = Dictionary(uniqueKeysWithValues: try store.services().map { ($0.id, $0) })
            try AtomicFile.write(ICalendar.make(sessions, services: services), to: out)
        case .hsds: try SessionExport.hsds(sessions.map(\.session), to: out)
        default: try AtomicFile.write(try SessionExport.csv(sessions.map(\.session)), to: out)
        }
    }
}
