import Foundation

/// A meeting of the self-help group (auto-mutuo-aiuto): when (date, time, recurrence), where (a
/// service of the directory, or an address and a point), what about (a topic in it/en/fr/ar and
/// the need categories), who leads it (the expert's organisation, never a private person's name),
/// in which languages, and whether booking is needed.
public struct Session: Sendable, Hashable, Codable {
    public var id: String
    /// `YYYY-MM-DD`: the first (or only) session.
    public var date: String
    /// `HH:MM`, local time in Europe/Rome.
    public var startTime: String
    public var endTime: String
    public var recurrence: RecurrenceRule?
    /// Topic per language (`it` always; the others may be missing).
    public var topic: [String: String]
    public var organization: String
    /// The place as a service of the directory …
    public var serviceID: String?
    /// … or as an address and a point.
    public var address: String?
    public var location: Coordinate?
    /// ISO 639-1 codes.
    public var languages: [String]
    public var categories: [String]
    public var booking: Bool
    public var source: String?

    /// The time zone of every session.
    public static let timeZone = "Europe/Rome"

    /// The CSV columns, in order: what `import sessions` reads and `export sessions --format csv` writes.
    public static let columns = [
        "id", "date", "start_time", "end_time", "rrule", "topic_it", "topic_en", "topic_fr",
        "topic_ar",
        "organization", "service_id", "address", "lat", "lon", "languages", "categories",
        "booking",
        "source"
    ]

    /// The topic in `language`, else in Italian.
    public func topic(_ language: String) -> String { topic[language] ?? topic["it"] ?? "" }

    /// The session as text fields keyed by ``columns`` (importing them again changes nothing).
    public var fields: [String: String] {
        var f: [String: String] = [
            "id": id, "date": date, "start_time": startTime, "end_time": endTime, "rrule": recurrence?.text() ?? "",
            "organization": organization, "service_id": serviceID ?? "", "address": address ?? "",
            "lat": location.map { "\($0.lat)" } ?? "", "lon": location.map { "\($0.lon)" } ?? "",
            "languages": languages.joined(separator: ";"), "categories": categories.joined(separator: ";"),
            "booking": booking ? "true" : "false", "source": source ?? ""
        ]
        for l in Phrases.languages { f["topic_\(l)"] = topic[l] ?? "" }
        return f
    }

    /// The dates of the sessions (the first one alone when there is no recurrence) on or after `from`.
    public func dates(from: String? = nil, limit: Int = 500) -> [String] {
        guard let recurrence else { return date >= (from ?? "") ? [date] : [] }
        return recurrence.dates(first: date, from: from, limit: limit)
    }
}
