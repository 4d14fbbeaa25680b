import Foundation

/// Turns one row of a survey export into a ``Submission``, or into the list of reasons it
/// cannot be accepted. Every check names the column and what was expected.
public struct SubmissionReader {
    public let columns: SurveyColumns
    public let resolver: MunicipalityResolver
    public let categories: Set<String>

    public enum Outcome {
        case accepted(Submission, warnings: [String])
        case rejected(reasons: [String])
    }

    public init(columns: SurveyColumns, resolver: MunicipalityResolver, categories: Set<String>) {
        self.columns = columns
        self.resolver = resolver
        self.categories = categories
    }

    public func read(_ record: CSVStream.Record) -> Outcome {
        var reasons: [String] = []
        var warnings: [String] = []
        let form = columns.form
        let header = columns.header
        if record.fields.count != header.count {
            reasons.append("the row has \(record.fields.count) fields but the header has \(header.count): a delimiter or quote is missing or extra")
        }
        if record.fields.first.map(Self.trim) == header.first, record.fields.map(Self.trim) == header {
            return .rejected(reasons: ["this row repeats the header line"])
        }
        if let big = record.oversizedField {
            reasons.append("column '\(big < header.count ? Echo.value(header[big]) : "#\(big + 1)")' is longer than \(CSVStream.maximumFieldBytes / 1_048_576) MB")
        }

        var values: [String: String] = [:]
        var flags: [String: [String]] = [:]
        var geo: [String: [SurveyColumns.GeoPart: String]] = [:]
        var meta: [SurveyColumns.Meta: String] = [:]
        for (i, role) in columns.roles.enumerated() where i < record.fields.count {
            let v = Self.trim(record.fields[i])
            guard !v.isEmpty else { continue }
            switch role {
            case .field(let name): values[name] = v
            case .choiceFlag(let field, let value):
                if v == "0" { continue }
                if v == "1" || ["true", "yes", "x", "sì", "si", "vero"].contains(v.lowercased()) { flags[field, default: []].append(value) }
                else if !["false", "no", "falso"].contains(v.lowercased()) {
                    reasons.append("column '\(Echo.value(header[i]))': expected 0 or 1, found \"\(Echo.value(v))\"")
                }
            case .geo(let field, let part): geo[field, default: [:]][part] = v
            case .meta(let m): meta[m] = v
            case .identity, .ignored, .known: break
            }
        }

        // Identity of the submission.
        var uuid = meta[.instanceID] ?? meta[.key] ?? meta[.uuid]
        if let u = uuid, u.hasPrefix("uuid:") || u.hasPrefix("UUID:") { uuid = String(u.dropFirst(5)) }
        if uuid == nil, let q = meta[.questionnaireID] {
            let key = TextMatching.normalized(q).replacingOccurrences(of: " ", with: "-")
            if !key.isEmpty { uuid = "paper-" + key }
        }
        if uuid == nil {
            reasons.append("no instance id (meta/instanceID, _uuid, KEY or questionnaire_id): without it the row could be counted twice")
        }
        var submission = Submission(uuid: uuid ?? "", form: form.kind, municipality: "")
        if let t = meta[.submissionTime] ?? meta[.end] ?? meta[.date] {
            if let d = Self.timestamp(t) { submission.submittedAt = d } else {
                reasons.append("the submission date \"\(Echo.value(t))\" is not a date (expected YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 time)")
            }
        }

        // Location.
        for f in form.fields where f.type == .geopoint {
            guard let point = readPoint(values[f.name], geo[f.name], field: f.name, reasons: &reasons) else { continue }
            submission.location = point
        }

        // Municipality: declared, else from the point.
        var containing: MunicipalityResolver.Municipality?
        if let point = submission.location {
            containing = try? resolver.municipality(containing: point)
            if containing == nil {
                let swapped = Coordinate(lon: point.lat, lat: point.lon)
                if (try? resolver.municipality(containing: swapped)) != nil {
                    reasons.append("location: latitude \(point.lat) and longitude \(point.lon) look swapped (swapped, the point falls in a municipality)")
                } else if values["municipality"] == nil {
                    reasons.append("location: the point (\(point.lat), \(point.lon)) is in no municipality of the database (in the sea, or abroad?) and no municipality is given")
                } else {
                    warnings.append("location: the point (\(point.lat), \(point.lon)) is in no municipality of the database; kept the declared municipality and dropped the point")
                }
                submission.location = nil
            }
        }
        if let declared = values["municipality"] {
            switch resolver.resolve(declared) {
            case .found(let code):
                submission.municipality = code
                if let containing, containing.code != code {
                    warnings.append("location: the point lies in \(containing.name) (\(containing.code)), not in the declared \(resolver.municipalities[code]!.name) (\(code)); kept the declared municipality")
                }
            case .unknown(let suggestion):
                reasons.append("municipality: unknown \"\(Echo.value(declared))\"" + (suggestion.map { "; did you mean \($0)?" } ?? "; expected an ISTAT code or a municipality's name"))
            case .ambiguous(let candidates):
                reasons.append("municipality: \"\(Echo.value(declared))\" could be \(candidates.joined(separator: ", ")); write the full name or the ISTAT code")
            }
        } else if let containing {
            submission.municipality = containing.code
        } else if submission.location == nil && !reasons.contains(where: { $0.hasPrefix("location") }) {
            reasons.append("municipality: missing (required), and no location to find it from")
        }

        // The form's questions.
        for f in form.fields where f.name != "municipality" && f.type != .geopoint {
            let raw = values[f.name]
            let picked = flags[f.name] ?? []
            if raw == nil && picked.isEmpty {
                if f.required { reasons.append("\(f.name): missing (required)") }
                continue
            }
            switch f.type {
            case .selectOne(let list):
                guard let raw else { continue }
                if let v = columns.choice(raw, list: list) ?? categoryValue(raw, list: list) {
                    assign(f.name, one: v, to: &submission)
                } else {
                    reasons.append(Messages.text("survey.not_a_choice", ("field", f.name),
                                                 ("found", "\"\(Echo.value(raw))\""), ("choices", choiceList(list))))
                }
            case .selectMultiple(let list):
                var chosen = picked
                if let raw {
                    let (found, unknown) = splitChoices(raw, list: list, form: form)
                    chosen += found
                    if !unknown.isEmpty {
                        reasons.append(Messages.text("survey.not_a_choice", ("field", f.name),
                                                     ("found", Self.quoted(unknown)), ("choices", choiceList(list))))
                    }
                }
                var unique: [String] = []
                for v in chosen where !unique.contains(v) { unique.append(v) }
                if f.required && unique.isEmpty && !reasons.contains(where: { $0.hasPrefix(f.name) }) {
                    reasons.append("\(f.name): none chosen (required)")
                }
                assign(f.name, many: unique.sorted(), to: &submission)
            case .integer(let min, let max):
                guard let raw else { continue }
                guard let n = Int(raw) ?? Double(raw.replacingOccurrences(of: ",", with: ".")).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }),
                      (min...max).contains(n) else {
                    reasons.append("\(f.name): expected a whole number from \(min) to \(max), found \"\(Echo.value(raw))\""); continue
                }
                assign(f.name, number: n, to: &submission)
            case .date:
                guard let raw else { continue }
                guard let d = ServiceCheck.date(raw) ?? Self.timestamp(raw).map({ String($0.prefix(10)) }) else {
                    reasons.append("\(f.name): expected a date as YYYY-MM-DD or DD/MM/YYYY, found \"\(Echo.value(raw))\""); continue
                }
                if f.name == "period_start" { submission.periodStart = d } else { submission.periodEnd = d }
            case .text:
                if f.name == "organization" { submission.organization = raw }
            case .geopoint: break
            }
        }
        if form.kind == .operator {
            if let s = submission.periodStart, let e = submission.periodEnd, s > e {
                reasons.append("period_end: \(e) comes before period_start \(s)")
            }
            for (code, c) in submission.caseload {
                if let r = c.requests, let u = c.unmet, u > r {
                    reasons.append("unmet_\(code): \(u) requests not satisfied is more than the \(r) received")
                }
                if c.requests == nil, let u = c.unmet {
                    reasons.append("requests_\(code): missing, but \(u) were not satisfied")
                }
            }
            if submission.caseload.isEmpty && !reasons.contains(where: { $0.hasPrefix("requests_") || $0.hasPrefix("unmet_") }) {
                reasons.append("no requests given for any category")
            }
        }
        return reasons.isEmpty ? .accepted(submission, warnings: warnings) : .rejected(reasons: reasons)
    }

    private func categoryValue(_ raw: String, list: String) -> String? {
        list == "category" && categories.contains(raw.lowercased()) ? raw.lowercased() : nil
    }

    /// The first choices of `list` as "code (label)", the label in the language of messages.
    private func choiceList(_ list: String) -> String {
        let language = Messages.language
        let choices = (columns.form.choices[list] ?? []).map { c in
            let label = c.labels[language] ?? c.labels["en"] ?? c.value
            return label == c.value ? c.value : "\(c.value) (\(label))"
        }
        let shown = choices.prefix(10).joined(separator: ", ")
        return choices.count > 10 ? shown + ", …" : shown
    }

    /// "\"a\", \"b\", \"c\" and 3,412 more like this": at most three values, each made safe to show.
    static func quoted(_ values: [String], limit: Int = 3) -> String {
        let shown = values.prefix(limit).map { "\"\(Echo.value($0))\"" }.joined(separator: ", ")
        return values.count > limit ? shown + " " + Messages.text("and_more", ("count", values.count - limit)) : shown
    }

    /// Values of a select_multiple cell: space-separated values, or labels (which may contain spaces).
    func splitChoices(_ raw: String, list: String, form: SurveyForm) -> (found: [String], unknown: [String]) {
        let separators: Set<Character> = raw.utf8.contains(UInt8(ascii: ";")) || raw.utf8.contains(UInt8(ascii: ",")) ? [";", ","] : [" "]
        let tokens = raw.split { separators.contains($0) || $0 == "\n" }.map { Self.trim(String($0)) }.filter { !$0.isEmpty }
        // Fast path: every token is a value (what Kobo and ODK export).
        if let map = columns.choiceIndex[list] {
            let values = tokens.compactMap { map[$0.lowercased()] }
            if values.count == tokens.count { return (values, []) }
        }
        if let whole = columns.choice(raw, list: list) { return ([whole], []) }
        var found: [String] = [], unknown: [String] = []
        var i = 0
        while i < tokens.count {
            if unknown.count >= 20 {  // a broken cell: no more costly search for labels of several words
                for t in tokens[i...] {
                    if let v = columns.choice(t, list: list) ?? categoryValue(t, list: list) {
                        found.append(v)
                    } else {
                        unknown.append(t)
                    }
                }
                break
            }
            var matched = false
            for j in stride(from: min(tokens.count, i + 8), to: i, by: -1) {
                let candidate = tokens[i..<j].joined(separator: " ")
                if let v = columns.choice(candidate, list: list) ?? categoryValue(candidate, list: list) {
                    found.append(v); i = j; matched = true; break
                }
            }
            if !matched { unknown.append(tokens[i]); i += 1 }
        }
        return (found, unknown)
    }

    private func assign(_ field: String, one value: String, to s: inout Submission) {
        switch field {
        case "urgency": s.urgency = value
        case "age_group": s.ageGroup = value
        default: break
        }
    }

    private func assign(_ field: String, many values: [String], to s: inout Submission) {
        switch field {
        case "needs": s.needs = values
        case "barriers": s.barriers = values
        case "languages": s.languages = values
        default: break
        }
    }

    private func assign(_ field: String, number: Int, to s: inout Submission) {
        if field == "household_size" { s.householdSize = number; return }
        if field.hasPrefix("requests_") { s.caseload[String(field.dropFirst(9)), default: .init()].requests = number }
        if field.hasPrefix("unmet_") { s.caseload[String(field.dropFirst(6)), default: .init()].unmet = number }
    }

    /// A point from a Kobo/ODK geopoint ("lat lon alt acc") or from split columns.
    func readPoint(_ combined: String?, _ parts: [SurveyColumns.GeoPart: String]?, field: String, reasons: inout [String]) -> Coordinate? {
        var latText: String?, lonText: String?
        if let combined {
            let items = combined.split(separator: " ")
            guard items.count >= 2 else { reasons.append("\(field): expected \"latitude longitude [altitude accuracy]\", found \"\(Echo.value(combined))\""); return nil }
            latText = String(items[0]); lonText = String(items[1])
        } else if let parts {
            latText = parts[.latitude]; lonText = parts[.longitude]
        }
        guard latText != nil || lonText != nil else { return nil }
        guard let latText, let lonText else { reasons.append("\(field): give both latitude and longitude, or neither"); return nil }
        guard let lat = ServiceCheck.number(latText), let lon = ServiceCheck.number(lonText) else {
            reasons.append("\(field): expected decimal degrees, found latitude \"\(Echo.value(latText))\", longitude \"\(Echo.value(lonText))\""); return nil
        }
        guard abs(lat) <= 90, abs(lon) <= 180 else {
            reasons.append("\(field): latitude \(latText) / longitude \(lonText) are outside WGS84 ranges (±90, ±180)"); return nil
        }
        return Coordinate(lon: lon, lat: lat)
    }

    /// `text` without leading and trailing white space (fast when there is none, the usual case).
    static func trim(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 0xC2 || b == 0xA0 }
        if !space(first) && !space(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// "2026-05-01", "01/05/2026", "2026-05-01T10:11:12(.123)(Z|+02:00)" → ISO text; nil if not a date.
    static func timestamp(_ text: String) -> String? {
        if text.utf8.count <= 10, let d = ServiceCheck.date(text) { return d }
        let datePart = String(text.prefix(10))
        guard text.count > 10, ServiceCheck.date(datePart) != nil else { return nil }
        let rest = text.dropFirst(10)
        guard rest.first == "T" || rest.first == " " else { return nil }
        let time = rest.dropFirst().prefix(8)
        guard time.count == 8, time.split(separator: ":").count == 3 else { return nil }
        return datePart + "T" + time
    }
}
