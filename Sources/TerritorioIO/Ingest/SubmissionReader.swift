import Foundation
import TerritorioCore

/// Turns one questionnaire's answers (``SurveyAnswers``: a row of a survey export, a web form, a
/// test fixture) into a ``Submission``, or into the list of reasons it cannot be accepted. Every
/// check names the field or column and what was expected; every source gets the same messages.
public struct SubmissionReader {
    public let columns: SurveyColumns
    public let resolver: MunicipalityResolver
    public let categories: Set<String>
    public let policy: IngestPolicy
    /// Whether the database has a consortium: without one, no municipality is out of scope.
    let scoped: Bool
    /// The headers of the time columns (``timeMetas``), for messages: found once, not per row.
    let timeColumns: [String]
    /// Where each answer is in a row of the export (found once from the header).
    package let positions: ColumnPositions
    /// The splits of the select_multiple cells read so far (bounded).
    let choiceMemo = ChoiceMemo()

    public enum Outcome {
        case accepted(Submission, warnings: [String])
        case rejected(reasons: [String])
    }

    public init(
        columns: SurveyColumns, resolver: MunicipalityResolver, categories: Set<String>,
        policy: IngestPolicy = IngestPolicy()
    ) {
        self.columns = columns
        self.resolver = resolver
        self.categories = categories
        self.policy = policy
        scoped = resolver.municipalities.values.contains { $0.inConsortium }
        positions = ColumnPositions(columns)
        timeColumns = Self.timeMetas.map { m in
            columns.roles.firstIndex(of: .meta(m)).map { columns.header[$0] } ?? "\(SurveyColumns.Role.meta(m))"
        }
    }

    /// Checks one row of the export (its ``SurveyColumns/answers(of:)``, read in place).
    public func read(_ record: CSVStream.Record) -> Outcome { verdict(answers(of: record)).outcome }

    /// One row of the export, read in place by column position.
    package func answers(of record: CSVStream.Record) -> RowAnswers {
        RowAnswers(record, columns: columns, positions: positions)
    }

    /// Checks `answers` against the form: identity and times, location and municipality, each
    /// question, and the operator form's caseload rules.
    public func read(_ answers: SurveyAnswers) -> Outcome { verdict(answers).outcome }

    /// ``read(_:)`` and ``keys(of:)`` at once (the key is found once).
    package func verdict(_ answers: some AnswerSource) -> (outcome: Outcome, keys: (uuid: String?, token: String?)) {
        if answers.repeatsHeader { return (.rejected(reasons: [SurveyAnswers.headerRepeated]), keys(of: answers)) }
        var reasons = answers.problems
        var warnings: [String] = []
        let (key, version) = identify(answers, reasons: &reasons)
        let keys = (uuid: key, token: answers.metaValue(.territorioID))
        var submission = Submission(uuid: key ?? "", form: columns.form.kind, municipality: "")
        submission.version = version
        readTimes(answers, into: &submission, reasons: &reasons, warnings: &warnings)
        readPlace(answers, into: &submission, reasons: &reasons, warnings: &warnings)
        for f in columns.form.fields where f.name != "municipality" && f.type != .geopoint {
            readQuestion(f, answers, into: &submission, reasons: &reasons, warnings: &warnings)
        }
        if columns.form.kind == .operator { checkCaseload(submission, reasons: &reasons) }
        return (reasons.isEmpty ? .accepted(submission, warnings: warnings) : .rejected(reasons: reasons), keys)
    }

    /// The submission's key (as ``identify(_:values:reasons:)`` computes it) and the `_territorio_id`
    /// (quarantine token) of a row, whatever else it holds.
    package func keys(of answers: some AnswerSource) -> (uuid: String?, token: String?) {
        var ignored: [String] = []
        return (identify(answers, reasons: &ignored).0, answers.metaValue(.territorioID))
    }

    /// The point (each geopoint field) and the municipality: declared, else found from the point.
    private func readPlace(
        _ answers: some AnswerSource, into submission: inout Submission, reasons: inout [String],
        warnings: inout [String]
    ) {
        for f in columns.form.fields where f.type == .geopoint {
            let point = readPoint(
                answers.answer(f.name), latitude: answers.geoPart(f.name, .latitude),
                longitude: answers.geoPart(f.name, .longitude), field: f.name, reasons: &reasons)
            if let point { submission.location = point }
        }
        let declared = answers.answer("municipality")
        let containing = containingMunicipality(&submission, declared: declared, reasons: &reasons, warnings: &warnings)
        if let declared {
            readDeclared(declared, containing: containing, into: &submission, reasons: &reasons, warnings: &warnings)
        } else if let containing {
            submission.municipality = containing.code
            checkScope(containing.code, column: "location", reasons: &reasons, warnings: &warnings)
        } else if submission.location == nil && !reasons.contains(where: { $0.hasPrefix("location") }) {
            reasons.append("municipality: missing (required), and no location to find it from")
        }
    }

    /// The municipality that contains the submission's point; a point in none is dropped (and
    /// refused when it looks swapped or nothing else gives the municipality).
    private func containingMunicipality(
        _ submission: inout Submission, declared: String?, reasons: inout [String], warnings: inout [String]
    ) -> MunicipalityResolver.Municipality? {
        guard let point = submission.location else { return nil }
        if let containing = try? resolver.municipality(containing: point) { return containing }
        if (try? resolver.looksSwapped(point)) == true {
            reasons.append("location: " + MunicipalityResolver.swappedMessage(lat: "\(point.lat)", lon: "\(point.lon)"))
        } else if declared == nil {
            reasons.append(
                "location: the point (\(point.lat), \(point.lon)) is in no municipality of the database "
                    + "(in the sea, or abroad?) and no municipality is given")
        } else {
            warnings.append(
                "location: the point (\(point.lat), \(point.lon)) is in no municipality of the database; "
                    + "kept the declared municipality and dropped the point")
        }
        submission.location = nil
        return nil
    }

    /// The declared municipality, resolved (name, abbreviation or ISTAT code) and in scope.
    private func readDeclared(
        _ declared: String, containing: MunicipalityResolver.Municipality?, into submission: inout Submission,
        reasons: inout [String], warnings: inout [String]
    ) {
        switch resolver.resolve(declared) {
        case .found(let code):
            submission.municipality = code
            checkScope(code, column: "municipality", reasons: &reasons, warnings: &warnings)
            if let containing, containing.code != code {
                warnings.append(
                    "location: the point lies in \(containing.name) (\(containing.code)), not in the declared "
                        + "\(resolver.municipalities[code]!.name) (\(code)); kept the declared municipality")
            }
        case .unknownCode(let code):
            reasons.append("municipality: the code \(code) is not a municipality of the database")
        case .unknown(let suggestion):
            reasons.append(
                "municipality: unknown \"\(Echo.value(declared))\""
                    + (suggestion.map { "; did you mean \($0)?" } ?? "; expected an ISTAT code or a municipality's name")
            )
        case .ambiguous(let candidates):
            reasons.append(
                "municipality: \"\(Echo.value(declared))\" could be \(candidates.joined(separator: ", ")); "
                    + "write the full name or the ISTAT code")
        }
    }

    /// One question of the form (not the municipality nor a point).
    private func readQuestion(
        _ f: SurveyForm.Field, _ answers: some AnswerSource, into submission: inout Submission,
        reasons: inout [String], warnings: inout [String]
    ) {
        let raw = answers.answer(f.name)
        let flags = answers.choiceFlags(f.name)
        if raw == nil && !flags.contains(where: \.on) {
            if f.required { reasons.append("\(f.name): missing (required)") }
            return
        }
        switch f.type {
        case .selectOne(let list):
            guard let raw else { return }
            readSelectOne(f.name, raw, list: list, into: &submission, reasons: &reasons)
        case .selectMultiple(let list):
            readSelectMultiple(f, raw, flags: flags, list: list, into: &submission, reasons: &reasons)
        case .integer(let min, let max):
            guard let raw else { return }
            guard let n = Self.wholeNumber(raw), (min...max).contains(n) else {
                reasons.append("\(f.name): expected a whole number from \(min) to \(max), found \"\(Echo.value(raw))\"")
                return
            }
            assign(f.name, number: n, to: &submission)
        case .date:
            guard let raw, let d = readDate(f.name, raw, reasons: &reasons, warnings: &warnings) else { return }
            if f.name == "period_start" { submission.periodStart = d } else { submission.periodEnd = d }
        case .text:
            if f.name == "organization" { submission.organization = raw }
        case .geopoint: break
        }
    }

    private func readSelectOne(
        _ field: String, _ raw: String, list: String, into submission: inout Submission, reasons: inout [String]
    ) {
        if let v = columns.choice(raw, list: list) ?? categoryValue(raw, list: list) {
            assign(field, one: v, to: &submission)
        } else {
            reasons.append(
                Messages.text(
                    "survey.not_a_choice", ("field", field), ("found", "\"\(Echo.value(raw))\""),
                    ("choices", choiceList(list))))
        }
    }

    /// A select_multiple answer: the list (values or labels) and its 0/1 columns, which must agree.
    private func readSelectMultiple(
        _ f: SurveyForm.Field, _ raw: String?, flags: [SurveyAnswers.Flag], list: String,
        into submission: inout Submission, reasons: inout [String]
    ) {
        var chosen = flags.filter(\.on).map(\.value)
        if let raw {
            let (found, unknown) = splitChoices(raw, list: list, form: columns.form)
            chosen += found
            if !unknown.isEmpty {
                reasons.append(
                    Messages.text(
                        "survey.not_a_choice", ("field", f.name), ("found", Self.quoted(unknown)),
                        ("choices", choiceList(list))))
            }
            for flag in flags where found.contains(flag.value) != flag.on {
                reasons.append(
                    IngestMessage.listContradictsFlag(
                        field: f.name, raw: Echo.value(raw), column: flag.column, value: flag.value, listed: !flag.on))
            }
        }
        var unique: [String] = []
        for v in chosen where !unique.contains(v) { unique.append(v) }
        if f.required && unique.isEmpty && !reasons.contains(where: { $0.hasPrefix(f.name) }) {
            reasons.append("\(f.name): none chosen (required)")
        }
        assign(f.name, many: unique.sorted(), to: &submission)
    }

    /// A date question as YYYY-MM-DD, within the policy's dates.
    private func readDate(_ field: String, _ raw: String, reasons: inout [String], warnings: inout [String]) -> String?
    {
        guard let d = SurveyTime.parse(raw).map({ String($0.prefix(10)) }) else {
            reasons.append("\(field): expected a date as YYYY-MM-DD or DD/MM/YYYY, found \"\(Echo.value(raw))\"")
            return nil
        }
        return policy.checkDate(d, column: field, raw: raw, reasons: &reasons, warnings: &warnings) ? d : nil
    }

    /// The operator form's rules across questions: the period's order, unmet ≤ requests, some requests.
    private func checkCaseload(_ submission: Submission, reasons: inout [String]) {
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
        if submission.caseload.isEmpty
            && !reasons.contains(where: { $0.hasPrefix("requests_") || $0.hasPrefix("unmet_") })
        {
            reasons.append("no requests given for any category")
        }
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
        choiceMemo.split(raw, list: list) {
            if let values = asciiChoices(raw, list: list) { return (values, []) }
            return splitChoicesByCharacter(raw, list: list)
        }
    }

    /// ``splitChoices(_:list:form:)`` through `Character` operations, for any text.
    func splitChoicesByCharacter(_ raw: String, list: String) -> (found: [String], unknown: [String]) {
        let separators: Set<Character> =
            raw.utf8.contains(UInt8(ascii: ";")) || raw.utf8.contains(UInt8(ascii: ",")) ? [";", ","] : [" "]
        let tokens = raw.split { separators.contains($0) || $0 == "\n" }.map { Self.trim(String($0)) }.filter {
            !$0.isEmpty
        }
        // Fast path: every token is a value (what Kobo and ODK export).
        if let map = columns.lookup.choiceIndex[list] {
            let values = tokens.compactMap { map[$0.lowercased()] }
            if values.count == tokens.count { return (values, []) }
        }
        if let whole = columns.choice(raw, list: list) { return ([whole], []) }
        var found: [String] = []
        var unknown: [String] = []
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
                    found.append(v)
                    i = j
                    matched = true
                    break
                }
            }
            if !matched {
                unknown.append(tokens[i])
                i += 1
            }
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
        if field == "household_size" {
            s.householdSize = number
            return
        }
        if field.hasPrefix("requests_") { s.caseload[String(field.dropFirst(9)), default: .init()].requests = number }
        if field.hasPrefix("unmet_") { s.caseload[String(field.dropFirst(6)), default: .init()].unmet = number }
    }

    /// A point from a Kobo/ODK geopoint ("lat lon alt acc") or from split columns.
    func readPoint(
        _ combined: String?, latitude: String?, longitude: String?, field: String, reasons: inout [String]
    ) -> Coordinate? {
        var latText: Substring?
        var lonText: Substring?
        if let combined {
            guard let (lat, lon) = Self.firstTwoWords(combined) else {
                reasons.append(
                    "\(field): expected \"latitude longitude [altitude accuracy]\", found \"\(Echo.value(combined))\"")
                return nil
            }
            (latText, lonText) = (lat, lon)
        } else {
            (latText, lonText) = (latitude.map { Substring($0) }, longitude.map { Substring($0) })
        }
        guard latText != nil || lonText != nil else { return nil }
        guard let latText, let lonText else {
            reasons.append("\(field): give both latitude and longitude, or neither")
            return nil
        }
        guard let lat = Self.number(latText), let lon = Self.number(lonText) else {
            reasons.append(
                "\(field): expected decimal degrees, found latitude \"\(Echo.value(latText))\", longitude \"\(Echo.value(lonText))\""
            )
            return nil
        }
        guard abs(lat) <= 90, abs(lon) <= 180 else {
            reasons.append("\(field): latitude \(latText) / longitude \(lonText) are outside WGS84 ranges (±90, ±180)")
            return nil
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

    /// A whole number as people write it: digits, perhaps with ",0" or ".00" (spreadsheets); not
    /// hexadecimal, exponents or thousands separators ("0x10", "1e1" and "1.000" are not numbers here).
    static func wholeNumber(_ raw: String) -> Int? {
        let bytes = raw.utf8
        if (1...9).contains(bytes.count), bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return Int(raw) }
        var digits = Substring(raw)
        if let separator = digits.firstIndex(where: { $0 == "," || $0 == "." }) {
            let fraction = digits[digits.index(after: separator)...]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0 == "0" }) else { return nil }
            digits = digits[..<separator]
        }
        guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
