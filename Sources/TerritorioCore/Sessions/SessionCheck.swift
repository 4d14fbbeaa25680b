import Foundation

/// Reads and checks a sessions CSV (columns ``Session/columns``) strictly: every problem is
/// reported with its row and column, and nothing is imported unless every row is right.
public struct SessionCheck {
    public var categories: Set<String>
    public var services: Set<String>

    public init(categories: Set<String>, services: Set<String>) {
        self.categories = categories
        self.services = services
    }

    /// Titles that introduce a person, not an organisation.
    package static let personalTitles = [
        "dott.", "dott.ssa", "dr.", "dr ", "sig.", "sig.ra", "prof.", "prof.ssa", "avv.",
        "mr ", "mrs ",
        "ms ", "mme ", "m. "
    ]

    /// The sessions of the file at `path`, or an ``InputError`` listing every problem.
    public func read(path: String) throws -> [Session] {
        let table = try CSVStream.table(path: path)
        let header = table.header.map { $0.lowercased() }
        for required in ["id", "date", "start_time", "end_time", "topic_it", "organization", "categories"]
        where !header.contains(required) {
            throw InputError(
                file: path, kind: .invalid,
                Messages.text(
                    "msg3.session.no_column", ("column", required), ("expected", Session.columns.joined(separator: ","))
                ))
        }
        var problems: [InputProblem] = table.problems
        var sessions: [Session] = []
        var seen: Set<String> = []
        for (i, record) in table.records.enumerated() where table.malformed[i] == nil {
            var fields: [String: String] = [:]
            for (c, name) in header.enumerated() { fields[name] = CSVStream.Table.field(record, c) }
            let at = InputLocation.row(table.row(ofRecord: i))
            var rowProblems: [InputProblem] = []
            let session = check(fields, at: at) { rowProblems.append(InputProblem(at, field: $0, $1)) }
            if let session, !seen.insert(session.id).inserted {
                rowProblems.append(
                    InputProblem(at, field: "id", Messages.text("msg3.session.id_twice", ("id", session.id))))
            }
            problems += rowProblems
            if let session, rowProblems.isEmpty { sessions.append(session) }
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return sessions
    }

    package func check(_ f: [String: String], at: InputLocation, problem: (String, String) -> Void) -> Session? {
        func text(_ k: String) -> String? { (f[k] ?? "").isEmpty ? nil : f[k] }
        let id = f["id"] ?? ""
        if id.isEmpty { problem("id", Messages.text("msg3.session.no_id")) }
        let date = FieldText.date(f["date"] ?? "")
        if date == nil { problem("date", Messages.text("msg3.session.date")) }
        let start = Self.time(f["start_time"] ?? "")
        let end = Self.time(f["end_time"] ?? "")
        if start == nil { problem("start_time", Messages.text("msg3.session.time")) }
        if end == nil { problem("end_time", Messages.text("msg3.session.time")) }
        if let start, let end, end <= start {
            problem(
                "end_time",
                Messages.text("msg3.session.end_before_start", ("end", end), ("start", start)))
        }
        let rule = recurrence(text("rrule"), date: date, problem: problem)
        var topic: [String: String] = [:]
        for l in Phrases.languages { if let t = text("topic_\(l)") { topic[l] = t } }
        if topic["it"] == nil { problem("topic_it", Messages.text("msg3.session.topic_it")) }
        let organization = f["organization"] ?? ""
        if organization.isEmpty {
            problem(
                "organization",
                Messages.text("msg3.session.organisation"))
        }
        if Self.personalTitles.contains(where: { organization.lowercased().hasPrefix($0) }) {
            problem(
                "organization",
                Messages.text("msg3.session.person", ("organisation", organization)))
        }
        let location = place(f, problem: problem)
        let languages = FieldText.list(f["languages"] ?? "").map { $0.lowercased() }
        for l in languages where !LanguageCode.isValid(l) {
            problem(
                "languages",
                Messages.text("msg3.session.language", ("code", l)))
        }
        let categories = FieldText.list(f["categories"] ?? "")
        if categories.isEmpty { problem("categories", Messages.text("msg3.session.no_category")) }
        for c in categories where !self.categories.contains(c) {
            problem("categories", Messages.text("msg3.session.unknown_category", ("code", c)))
        }
        let booking = (f["booking"] ?? "").isEmpty ? false : YesNo.parse(f["booking"]!)
        if booking == nil { problem("booking", Messages.text("msg3.session.booking")) }
        guard let date, let start, let end, let booking else { return nil }
        return Session(
            id: id, date: date, startTime: start, endTime: end, recurrence: rule, topic: topic,
            organization: organization, serviceID: text("service_id"), address: text("address"),
            location: location, languages: languages.sorted(), categories: categories.sorted(),
            booking: booking,
            source: text("source"))
    }

    package func recurrence(_ text: String?, date: String?, problem: (String, String) -> Void) -> RecurrenceRule? {
        guard let text else { return nil }
        switch RecurrenceRule.parse(text) {
        case .failure(let error):
            problem("rrule", error.description)
            return nil
        case .success(let rule):
            if let date, !rule.startsOnRule(date) { problem("rrule", RecurrenceError.notOnRule(date).description) }
            return rule
        }
    }

    /// The point of the place: none for a known service, else the lat/lon given with the address.
    package func place(_ f: [String: String], problem: (String, String) -> Void) -> Coordinate? {
        let service = f["service_id"] ?? ""
        let address = f["address"] ?? ""
        let lat = FieldText.number(f["lat"] ?? "")
        let lon = FieldText.number(f["lon"] ?? "")
        if !service.isEmpty {
            if !services.contains(service) {
                problem("service_id", Messages.text("msg3.session.no_service", ("id", service)))
            }
            return nil
        }
        guard !address.isEmpty else {
            problem("service_id", Messages.text("msg3.session.no_place"))
            return nil
        }
        guard let lat, let lon, abs(lat) <= 90, abs(lon) <= 180 else {
            problem("lat/lon", Messages.text("msg3.session.coordinates"))
            return nil
        }
        return Coordinate(lon: lon, lat: lat)
    }

    /// `H:MM` or `HH:MM` (24 h) → `HH:MM`.
    package static func time(_ text: String) -> String? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
            (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return String(format: "%02d:%02d", h, m)
    }
}
