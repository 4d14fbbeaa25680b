import ArgumentParser
import Foundation
import TerritorioKit

struct PosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poster",
        abstract: "The \"Hai bisogno di aiuto?\" poster: one A3 HTML page per language, and PDF with --pdf.",
        discussion: """
            Questions come from GeoData/faq.csv (editable by the working group), services from the \
            database. Unverified services are marked "to be checked" ("da verificare"). --pdf prints each page with \
            headless Chromium.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "it, en, fr, ar or all.") var lang: LanguageChoice = .all
    @Option(help: "The folder to write poster-<lang>.html (and .pdf) into.") var out: String
    @Flag(help: "Also print each page to PDF with Chromium.") var pdf = false
    @Option(help: "The questions file (default: GeoData/faq.csv).") var faq: String?

    func validate() throws {
        if lang != .all { Messages.use(lang.rawValue) }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            let poster = try await Poster.load(from: store, faq: faq)
            if poster.services.isEmpty { say(text("warning", ("message", text("msg3.poster.no_services")))) }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for l in lang.languages.map(\.rawValue) {
                let html = "\(out)/poster-\(l).html"
                try AtomicFile.write(poster.html(language: l), to: html)
                say(text("wrote", ("file", html)))
                if pdf {
                    try Poster.pdf(htmlPath: html, pdfPath: "\(out)/poster-\(l).pdf")
                    say(text("wrote", ("file", "\(out)/poster-\(l).pdf")))
                }
            }
        }
    }
}
