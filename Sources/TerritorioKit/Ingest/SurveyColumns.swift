/// How the columns of a survey export map to the form: recognises the dialect (KoboToolbox,
/// ODK Central, the paper template), the form (user or operator), group prefixes, labels
/// instead of names in any of the four languages, select_multiple 0/1 columns, split geopoints,
/// metadata, and the identity-like columns to drop.
public struct SurveyColumns: Sendable {
    public enum Dialect: String, Sendable, Codable { case kobo, odk, paper, csv }

    public enum Meta: String, Sendable, Hashable { case uuid, instanceID, key, submissionTime, questionnaireID, date, start, end, territorioRow, territorioReasons }
    public enum GeoPart: Sendable, Hashable { case latitude, longitude, altitude, accuracy }

    public enum Role: Sendable, Hashable {
        case field(String)
        case choiceFlag(field: String, value: String)
        case geo(field: String, part: GeoPart)
        case meta(Meta)
        case identity
        case ignored
        /// Known export metadata that territorio does not need (`_id`, `Status`, …).
        case known
    }

    public var dialect: Dialect
    public var form: SurveyForm
    public var header: [String]
    public var roles: [Role]
    /// Per choice list: lower-cased value or normalised label (any language) → value.
    let choiceIndex: [String: [String: String]]

    init(dialect: Dialect, form: SurveyForm, header: [String], roles: [Role]) {
        self.dialect = dialect
        self.form = form
        self.header = header
        self.roles = roles
        var index: [String: [String: String]] = [:]
        for (list, choices) in form.choices {
            var map: [String: String] = [:]
            for c in choices {
                for alias in Catalogue.shared.aliases(list: list, value: c.value) {
                    map[TextMatching.normalized(alias)] = c.value
                }
                for label in c.labels.values { map[TextMatching.normalized(label)] = c.value }
            }
            for c in choices { map[c.value.lowercased()] = c.value }  // values win over labels
            index[list] = map
        }
        choiceIndex = index
    }

    /// A choice's value from its value or its label in any of the four languages (indexed: hot path).
    func choice(_ text: String, list: String) -> String? {
        guard let map = choiceIndex[list] else { return nil }
        return map[text.lowercased()] ?? map[TextMatching.normalized(text)]
    }

    /// Columns dropped because they could identify a respondent.
    public var droppedColumns: [String] { zip(header, roles).filter { $0.1 == .identity }.map(\.0) }
    /// Columns that are neither form fields, metadata nor identity-like.
    public var ignoredColumns: [String] { zip(header, roles).filter { $0.1 == .ignored && !$0.0.isEmpty }.map(\.0) }

    static let koboMeta: [String: Role] = [
        "_uuid": .meta(.uuid), "_submission_time": .meta(.submissionTime), "_id": .known, "_index": .known,
        "_validation_status": .known, "_status": .known, "__version__": .known, "_version_": .known, "_tags": .known,
        "_attachments": .known, "_geolocation": .known, "_xform_id_string": .known, "_submitted_by": .identity,
        "_notes": .identity, "formhub/uuid": .known, "meta/instanceid": .meta(.instanceID), "meta/instancename": .known,
        "meta/rootuuid": .known, "meta/deprecatedid": .known,
    ]
    static let odkMeta: [String: Role] = [
        "key": .meta(.key), "submissiondate": .meta(.submissionTime), "meta-instanceid": .meta(.instanceID), "meta-instancename": .known,
        "submitterid": .identity, "submittername": .identity, "attachmentspresent": .known, "attachmentsexpected": .known,
        "status": .known, "reviewstate": .known, "deviceid": .identity, "edits": .known, "formversion": .known,
    ]
    static let commonMeta: [String: Role] = [
        "instanceid": .meta(.instanceID), "questionnaire_id": .meta(.questionnaireID), "date": .meta(.date),
        "start": .meta(.start), "end": .meta(.end), "today": .known, "_territorio_row": .meta(.territorioRow),
        "_territorio_reasons": .meta(.territorioReasons), "deviceid": .identity, "username": .identity, "phonenumber": .identity,
        "simserial": .identity, "subscriberid": .identity, "audit": .known,
    ]

    /// Analyses `header` against both forms; `forced` picks the form.
    public static func analyse(header: [String], forms: [SurveyForm], forced: SurveyForm.Kind? = nil) -> SurveyColumns {
        let lower = Set(header.map { $0.lowercased() })
        let dialect: Dialect =
            !lower.isDisjoint(with: ["_uuid", "_submission_time", "_index", "_id"]) ? .kobo
            : !lower.isDisjoint(with: ["key", "submissiondate", "meta-instanceid"]) ? .odk
            : lower.contains("questionnaire_id") ? .paper : .csv
        let candidates = forms.filter { forced == nil || $0.kind == forced }
        let analysed = candidates.map { form in
            SurveyColumns(dialect: dialect, form: form, header: header, roles: header.map { role(of: $0, form: form, dialect: dialect) })
        }
        return analysed.max { a, b in a.fieldCount < b.fieldCount }!
    }

    var fieldCount: Int {
        roles.filter { if case .field = $0 { true } else if case .choiceFlag = $0 { true } else { false } }.count
    }

    static func role(of rawHeader: String, form: SurveyForm, dialect: Dialect) -> Role {
        let header = rawHeader.trimmingCharacters(in: .whitespaces)
        let lower = header.lowercased()
        if let r = commonMeta[lower] ?? (dialect == .odk ? odkMeta[lower] : koboMeta[lower]) ?? koboMeta[lower] { return r }
        // Kobo split geopoints: _location_latitude …
        for f in form.fields where f.type == .geopoint {
            for (suffix, part) in [("latitude", GeoPart.latitude), ("longitude", .longitude), ("altitude", .altitude), ("precision", .accuracy)]
            where lower == "_\(f.name)_\(suffix)" { return .geo(field: f.name, part: part) }
            for (suffix, part) in [("lat", GeoPart.latitude), ("lon", .longitude)] where lower == "\(f.name)_\(suffix)" {
                return .geo(field: f.name, part: part)
            }
        }
        let separators: [Character] = dialect == .odk ? ["-"] : dialect == .kobo ? ["/"] : ["/", "-"]
        var path = [header]
        for sep in separators where header.contains(sep) { path = header.split(separator: sep).map(String.init); break }
        let leaf = path.last ?? header
        if let f = fieldNamed(leaf, in: form) { return .field(f.name) }
        if path.count >= 2 {
            let parent = path[path.count - 2]
            if let f = fieldNamed(parent, in: form) {
                if f.type == .geopoint {
                    switch leaf.lowercased() {
                    case "latitude": return .geo(field: f.name, part: .latitude)
                    case "longitude": return .geo(field: f.name, part: .longitude)
                    case "altitude": return .geo(field: f.name, part: .altitude)
                    case "accuracy", "precision": return .geo(field: f.name, part: .accuracy)
                    default: break
                    }
                }
                if case .selectMultiple(let list) = f.type, let value = choiceValue(leaf, list: list, form: form) {
                    return .choiceFlag(field: f.name, value: value)
                }
            }
        }
        if IdentityColumns.isIdentifying(leaf) { return .identity }
        return .ignored
    }

    /// A field by name, or by its label in any of the four languages.
    static func fieldNamed(_ text: String, in form: SurveyForm) -> SurveyForm.Field? {
        let lower = text.lowercased()
        if let f = form.fields.first(where: { $0.name.lowercased() == lower }) { return f }
        let key = TextMatching.normalized(text)
        return form.fields.first { f in f.labels.values.contains { TextMatching.normalized($0) == key } }
    }

    /// A choice's value from its value or its label in any of the four languages.
    static func choiceValue(_ text: String, list: String, form: SurveyForm) -> String? {
        let choices = form.choices[list] ?? []
        let lower = text.lowercased()
        if let c = choices.first(where: { $0.value.lowercased() == lower }) { return c.value }
        let key = TextMatching.normalized(text)
        return choices.first { c in
            (Array(c.labels.values) + Catalogue.shared.aliases(list: list, value: c.value))
                .contains { TextMatching.normalized($0) == key }
        }?.value
    }
}
