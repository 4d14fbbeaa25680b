import Foundation
import TerritorioCore

extension Poster {
    /// How many upcoming sessions the poster lists.
    public static let sessionsShown = 6

    /// The next sessions from `today`: (date, session), soonest first.
    public func nextSessions(limit: Int = Poster.sessionsShown) -> [(date: String, session: Session)] {
        let from = today ?? String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let all = sessions.flatMap { s in s.dates(from: from, limit: limit).map { (date: $0, session: s) } }
        return Array(
            all.sorted {
                ($0.date, $0.session.startTime, $0.session.id) < (
                    $1.date, $1.session.startTime,
                    $1.session.id
                )
            }
            .prefix(limit))
    }

    /// The "Incontri del gruppo di auto-mutuo-aiuto" block (empty without upcoming sessions).
    package func sessionBlock(language l: String) -> String {
        let next = nextSessions()
        guard !next.isEmpty else { return "" }
        let items = next.map { entry -> String in
            let s = entry.session
            let place =
                s.serviceID.flatMap { id in services.first { $0.id == id } }
                .map { [$0.name, $0.address].compactMap { $0 }.joined(separator: ", ") } ?? s.address ?? ""
            let when = Self.day(entry.date, language: l) + " " + s.startTime + "–" + s.endTime
            var parts = ["<span class=\"name\">\(Self.ltr(when))</span>", Markup.escape(s.topic(l))]
            if !place.isEmpty { parts.append(Self.ltr(place)) }
            parts.append(Markup.escape(Phrases.text("sessions.with", l, s.organization)))
            if !s.languages.isEmpty {
                parts.append(
                    "\(Markup.escape(Phrases.text("poster.languages", l))): "
                        + Self.ltr(s.languages.map { $0.uppercased() }.joined(separator: " · ")))
            }
            parts.append(Markup.escape(Phrases.text(s.booking ? "sessions.booking" : "sessions.free", l)))
            return "<li>" + parts.joined(separator: " — ") + "</li>\n"
        }
        let title = Markup.escape(Phrases.text("sessions.title", l))
        return "<section class=\"sessions\" id=\"sessions\">\n<h2>\(title)</h2>\n"
            + "<ul>\n" + items.joined() + "</ul>\n</section>\n"
    }

    /// `2026-12-01` as `01/12/2026` (it, fr, ar) or `2026-12-01` (en), with the weekday's short name.
    package static func day(_ iso: String, language: String) -> String {
        let names: [String: [String]] = [
            "it": ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
            "en": [
                "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                "Sun"
            ],
            "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            "ar": [
                "الاثنين", "الثلاثاء", "الأربعاء",
                "الخميس", "الجمعة", "السبت", "الأحد"
            ]
        ]
        let weekday = RecurrenceRule.day(iso).map(RecurrenceRule.weekday) ?? "MO"
        let index = RecurrenceRule.weekdays.firstIndex(of: weekday) ?? 0
        let p = iso.split(separator: "-")
        let date = language == "en" || p.count != 3 ? iso : "\(p[2])/\(p[1])/\(p[0])"
        return (names[language] ?? names["en"]!)[index] + " " + date
    }
}
