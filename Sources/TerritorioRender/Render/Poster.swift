import Foundation
import TerritorioCore

/// The multilingual "Hai bisogno di aiuto?" poster: one print-ready HTML page per language
/// (A3 portrait), one short question per category (from `GeoData/faq.csv`) with the services
/// that answer it, the emergency numbers, and the data date. Unverified services are marked
/// "to be checked" ("da verificare"); a database without services gets one notice saying the
/// list is not available yet, not an empty answer under every question. Arabic pages are
/// right-to-left, with Latin names and phone numbers kept left-to-right. Every string from the
/// data is escaped.
public struct Poster {
    public struct Question: Sendable {
        public var category: String
        public var question: [String: String]
        public var answer: [String: String]
    }

    public var questions: [Question]
    public var services: [Service]
    public var municipalityNames: [String: String]
    public var date: String
    /// The self-help group's sessions; the next ones (from `today`) are listed in their own block.
    public var sessions: [Session] = []
    /// `YYYY-MM-DD`: the day from which sessions count as next (default: the day of printing).
    public var today: String?

    /// The address of the public directory page and its QR code (SVG), shown at the top of the
    /// poster when set.
    public var link: (url: String, qrSVG: String)?

    /// More services than this under one question are grouped by municipality.
    public static let groupAbove = 5

    /// Reads `faq.csv` (category, question_<lang>, answer_<lang>).
    public static func questions(path: String) throws -> [Question] {
        let table = try CSVStream.table(path: path)
        let category = try table.requireColumn("category", option: "the header")
        var columns: [String: (Int, Int)] = [:]
        for l in Phrases.languages {
            columns[l] = (
                try table.requireColumn("question_\(l)", option: "the header"),
                try table.requireColumn("answer_\(l)", option: "the header")
            )
        }
        return table.records.map { r in
            var q = Question(category: CSVStream.Table.field(r, category), question: [:], answer: [:])
            for (l, (qi, ai)) in columns {
                q.question[l] = CSVStream.Table.field(r, qi)
                q.answer[l] = CSVStream.Table.field(r, ai)
            }
            return q
        }
    }

    /// The poster of `services` and `sessions`, with the questions of the FAQ file `faq`, dated
    /// by the latest service update (today when none says).
    public static func make(
        services: [Service], municipalityNames: [String: String], sessions: [Session], faq: String
    ) throws -> Poster {
        let date =
            services.compactMap(\.lastUpdated).max()
            ?? ISO8601DateFormatter().string(from: Date()).prefix(10).description
        return Poster(
            questions: try questions(path: faq), services: services, municipalityNames: municipalityNames,
            date: date, sessions: sessions)
    }

    /// Left-to-right isolate for Latin names and numbers inside right-to-left text.
    package static func ltr(_ s: String) -> String { "<bdi dir=\"ltr\">\(Markup.escape(s))</bdi>" }

    /// The poster in language `l` as a whole HTML page. With `styleSheetURL` the page links the
    /// stylesheet (``styleSheet``) instead of embedding it, for a web app whose
    /// Content-Security-Policy allows no inline style.
    public func html(language l: String, styleSheetURL: String? = nil) -> String {
        let rtl = l == "ar"
        let head =
            styleSheetURL.map { "<link rel=\"stylesheet\" href=\"\(Markup.escape($0))\">" }
            ?? "<style>\n\(Self.styleSheet)\n</style>"
        var body = services.isEmpty ? "<p class=\"empty\">\(Markup.escape(Phrases.text("poster.empty", l)))</p>\n" : ""
        for q in questions {
            let answering = services.filter { $0.categories.contains(q.category) }
            body +=
                "<section class=\"question\" id=\"\(Markup.escape(q.category))\">\n<h2>\(Markup.escape(q.question[l] ?? ""))</h2>\n"
            body += "<p class=\"answer\">\(Markup.escape(q.answer[l] ?? ""))</p>\n"
            if services.isEmpty {
                // said once, above
            } else if answering.isEmpty {
                body += "<p class=\"none\">\(Markup.escape(Phrases.text("poster.none", l)))</p>\n"
            } else if answering.count > Self.groupAbove {
                let groups = Dictionary(grouping: answering) { $0.municipality ?? "" }
                for code in groups.keys.sorted(by: { (municipalityNames[$0] ?? $0) < (municipalityNames[$1] ?? $1) }) {
                    body +=
                        "<h3>\(Self.ltr(municipalityNames[code] ?? code))</h3>\n<ul>\n"
                        + groups[code]!.map { item($0, l) }.joined() + "</ul>\n"
                }
            } else {
                body += "<ul>\n" + answering.map { item($0, l) }.joined() + "</ul>\n"
            }
            body += "</section>\n"
        }
        let title = Phrases.text("poster.title", l)
        return """
            <!DOCTYPE html>
            <html lang="\(l)" dir="\(rtl ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escape(title))</title>
            \(head)
            </head>
            <body>
            <header>
            \(qrBlock(language: l))<h1>\(Markup.escape(title))</h1>
            <p class="subtitle">\(Markup.escape(Phrases.text("poster.subtitle", l)))</p>
            <p class="emergency">\(Markup.escape(Phrases.text("poster.emergency", l)))</p>
            </header>
            <main>
            \(sessionBlock(language: l))\(body)</main>
            <footer>\(Markup.escape(Phrases.text("poster.footer", l, date))) · \(Markup.escape(Phrases.text("attribution", l)))</footer>
            </body>
            </html>

            """
    }

    /// The poster's CSS (A3 portrait, two columns; the QR code at the top corner).
    public static let styleSheet = """
        @page { size: A3 portrait; margin: 12mm; }
        html { font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111; }
        html[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
        body { margin: 0; font-size: 10.5pt; line-height: 1.3; }
        header { border-bottom: 4pt solid #bd0026; margin-bottom: 6mm; }
        h1 { font-size: 54pt; margin: 0 0 2mm; color: #bd0026; }
        .subtitle { font-size: 18pt; margin: 0 0 3mm; }
        .emergency { font-size: 16pt; font-weight: bold; background: #fde0dd; padding: 2mm 4mm; }
        main { column-count: 2; column-gap: 10mm; }
        section { break-inside: avoid; margin-bottom: 5mm; }
        h2 { font-size: 15pt; margin: 0 0 1mm; color: #08306b; }
        h3 { font-size: 11pt; margin: 2mm 0 0; }
        .answer { margin: 0 0 1mm; font-style: italic; }
        ul { margin: 0; padding-inline-start: 5mm; }
        li { margin-bottom: 1.5mm; }
        .name { font-weight: bold; }
        .empty { font-size: 16pt; font-weight: bold; border: 2pt solid #bd0026; padding: 3mm; column-span: all; }
        .sessions { column-span: all; border: 2pt solid #08306b; padding: 2mm 4mm; margin-bottom: 5mm; }
        .unverified { font-size: 8pt; border: 0.5pt solid #888; padding: 0 1mm; color: #555; text-transform: uppercase; }
        footer { border-top: 1pt solid #888; margin-top: 4mm; font-size: 9pt; color: #444; }
        @media print { a { color: inherit; text-decoration: none; } }
        .qr { float: right; width: 46mm; margin: 0 0 3mm 5mm; text-align: center; font-size: 9pt; }
        html[dir="rtl"] .qr { float: left; margin: 0 5mm 3mm 0; }
        .qr svg { display: block; width: 42mm; height: 42mm; margin: 0 auto; }
        .qr .url { font-size: 8pt; overflow-wrap: anywhere; }
        .qr ~ .emergency { display: flow-root; }
        @media screen { body { max-width: 277mm; margin: 0 auto; padding: 6mm; } }
        """

    /// The QR code and the address it leads to, when the poster has a ``link``.
    func qrBlock(language l: String) -> String {
        guard let link else { return "" }
        return "<figure class=\"qr\">\(link.qrSVG)\n<figcaption>\(Markup.escape(Phrases.text("poster.qr", l)))"
            + "<br><bdi dir=\"ltr\" class=\"url\">\(Markup.escape(link.url))</bdi></figcaption></figure>\n"
    }

    package func item(_ s: Service, _ l: String) -> String {
        let badge = " <span class=\"unverified\">\(Markup.escape(Phrases.text("poster.unverified", l)))</span>"
        var lines = ["<span class=\"name\">\(Self.ltr(s.name))</span>" + (s.verified ? "" : badge)]
        let place = [s.address, s.municipality.flatMap { municipalityNames[$0] }].compactMap { $0 }.joined(
            separator: ", ")
        if !place.isEmpty { lines.append(Self.ltr(place)) }
        if let text = s.openingHours, let hours = try? OpeningHours.parse(text) {
            lines.append(
                "\(Markup.escape(Phrases.text("poster.hours", l))): <span class=\"hours\">\(Markup.escape(OpeningHoursText.describe(hours, language: l)))</span>"
            )
        }
        var contact: [String] = []
        if let phone = s.phone { contact.append("☎ " + Self.ltr(phone)) }
        if !s.languages.isEmpty {
            contact.append(
                "\(Markup.escape(Phrases.text("poster.languages", l))): "
                    + Self.ltr(s.languages.map { $0.uppercased() }.joined(separator: " · ")))
        }
        if !contact.isEmpty { lines.append(contact.joined(separator: " — ")) }
        return "<li>" + lines.joined(separator: "<br>") + "</li>\n"
    }

    /// Where Chromium is looked for: Debian's browser binary itself first (its `/usr/bin/chromium`
    /// launcher is a shell script that runs `uname`, `grep`, `find`, `findmnt`… before starting it,
    /// about 0.15 s of a 1.3 s print here), then the usual names on the `PATH`.
    package static let chromium = ["/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome"]

    /// Prints `htmlPath` to `pdfPath` with headless Chromium (Debian `chromium`).
    public static func pdf(htmlPath: String, pdfPath: String) throws {
        let url = URL(fileURLWithPath: htmlPath).absoluteURL.absoluteString
        // A fresh, empty profile of its own: nothing shared with another Chromium, and it starts
        // faster than the user's default profile (about 1.7 s instead of 2.3 s here).
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "territorio-chromium-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        try ExternalTool.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--run-all-compositor-stages-before-draw", "--user-data-dir=\(profile)",
                "--print-to-pdf=\(pdfPath)", url
            ], install: "chromium (scripts/bootstrap.sh installs it for the tests)")
        guard FileManager.default.fileExists(atPath: pdfPath) else {
            throw ExternalTool.Failed(tool: "chromium", status: 0, output: "no PDF was written")
        }
    }
}
