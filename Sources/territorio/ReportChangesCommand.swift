import ArgumentParser
import Foundation
import TerritorioKit

struct ReportChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What changed between two survey rounds: needs, services, accessibility and gap levels.",
        discussion: """
            Per municipality and category: reports per 1,000 residents in each round and the change, \
            services opened, closed, or with new hours or languages (from the directory's history), \
            accessibility and the gap level in each round and the change (steps on none < low < \
            medium < high < critical). A change is published only where both rounds publish the \
            figure (k = 5). --summary writes the one-page meeting summary (HTML; with --pdf also PDF \
            through headless Chromium) in --lang it, en, fr or ar. The method is in docs/method.md.
            """)

    enum Format: String, ExpressibleByArgument { case geojson, csv }

    @OptionGroup var global: GlobalOptions

    @Option(help: "The earlier round.") var from: String
    @Option(help: "The later round.") var to: String
    @Option(name: .customLong("category"), help: "Only these categories (repeat the option); default all.")
    var categories: [String] = []
    @Option(help: "Analysis parameters (TOML); default: territorio.toml next to the database.") var config: String?
    @Option(help: "geojson or csv.") var format: Format = .geojson
    @Option(help: "The output file (default: standard output).") var out: String?
    @Option(help: "Also write the meeting summary (HTML) to this file.") var summary: String?
    @Option(help: "The summary's language: it, en, fr or ar.") var lang = "it"
    @Flag(help: "Also print the summary to PDF beside it (needs Chromium).") var pdf = false

    func validate() throws {
        guard Phrases.languages.contains(lang) else { throw ValidationError(text("msg3.changes.lang")) }
        if pdf && summary == nil { throw ValidationError(text("msg3.changes.pdf_needs_summary")) }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            let report: ChangeReport
            do {
                report = try await ChangeReport.make(
                    reading: store, from: from, to: to,
                    config: try global.analysisConfig(explicit: config), only: categories)
            } catch let e as RoundError { throw InputError(file: global.databaseName, kind: .invalid, e.description) }
            let shapes = try await store.consortiumShapes()
            let text = format == .geojson ? try report.geoJSON(shapes: shapes) : try report.csv()
            if let out { try AtomicFile.write(text, to: out) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
            if let summary {
                try AtomicFile.write(
                    ChangeSummary(
                        report: report, shapes: shapes,
                        language: lang
                    ).html(language: lang), to: summary)
                if pdf { try Poster.pdf(htmlPath: summary, pdfPath: Self.pdfPath(summary)) }
            }
            say(Self.done(report, out: out, summary: summary))
        }
    }

    static func pdfPath(_ html: String) -> String { (html as NSString).deletingPathExtension + ".pdf" }

    static func done(_ r: ChangeReport, out: String?, summary: String?) -> String {
        text(
            "msg3.changes.done", ("from", r.from.name), ("to", r.to.name),
            ("municipalities", r.municipalities.count), ("categories", r.categories.count),
            ("changes", r.serviceChanges.count),
            ("wrote", out.map { text("msg3.changes.wrote", ("file", $0)) } ?? ""),
            ("summary", summary.map { text("msg3.changes.summary", ("file", $0)) } ?? ""))
    }
}
