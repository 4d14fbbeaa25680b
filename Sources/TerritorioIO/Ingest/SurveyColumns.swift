/// How the columns of a survey export map to the form: recognises the dialect (KoboToolbox,
/// ODK Central, the paper template), the form (user or operator), group prefixes, labels
/// instead of names in any of the four languages, select_multiple 0/1 columns, split geopoints,
/// metadata, and the identity-like columns to drop.
public struct SurveyColumns: Sendable {
    /// Where the answers come from: an export's dialect, or the web app (`web`: typed by an
    /// operator; `self-report`: answered by a service user on the public form).
    public enum Dialect: String, Sendable, Codable {
        case kobo, odk, paper, csv, web
        case selfReport = "self-report"
    }

    public enum Meta: String, Sendable, Hashable {
        case uuid, instanceID, key, submissionTime, questionnaireID, date, start, end, territorioRow, territorioReasons
        case territorioID, rootUUID, deprecatedID, edits, source, correctionOf
    }
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
    package let lookup: FormLookup

    /// The most columns a survey file may have: the operator form has about 60, a Kobo export
    /// with every 0/1 column about 120. More is not a survey export, and analysing it would
    /// only cost time.
    public static let maximumColumns = 2_000

    package init(dialect: Dialect, lookup: FormLookup, header: [String], roles: [Role]) {
        self.dialect = dialect
        self.form = lookup.form
        self.lookup = lookup
        self.header = header
        self.roles = roles
    }

    /// A choice's value from its value or its label in any of the four languages (indexed: hot path).
    package func choice(_ text: String, list: String) -> String? { lookup.choice(text, list: list) }

    /// The message for a header with more than ``maximumColumns`` columns.
    package static func tooManyColumns(_ count: Int) -> String {
        "the header has \(count) columns; a survey export has at most \(maximumColumns) "
            + "(is this the right file, and is its delimiter right?)"
    }

    /// A column name for `role` that KoboToolbox-style headers recognise in any export: for
    /// merging the rejected rows of files from different exports.
    package static func canonicalName(of role: Role) -> String {
        switch role {
        case .field(let name): name
        case .choiceFlag(let field, let value): field + "/" + value
        case .geo(let field, .latitude): "_\(field)_latitude"
        case .geo(let field, .longitude): "_\(field)_longitude"
        case .geo(let field, .altitude): "_\(field)_altitude"
        case .geo(let field, .accuracy): "_\(field)_precision"
        case .meta(let m): metaNames[m] ?? m.rawValue
        case .identity, .ignored, .known: ""
        }
    }

    private static let metaNames: [Meta: String] = [
        .uuid: "_uuid", .instanceID: "meta/instanceID", .key: "KEY", .submissionTime: "_submission_time",
        .questionnaireID: "questionnaire_id", .date: "date", .start: "start", .end: "end"
    ]

    /// Whether a column of this role is kept for a rejected row: the form's questions and the
    /// export's ids and dates, never identity-like, unknown or `_territorio_…` columns.
    package static func keepsForCorrection(_ role: Role) -> Bool {
        switch role {
        case .field, .choiceFlag, .geo: true
        case .meta(let m): m != .territorioRow && m != .territorioReasons && m != .territorioID
        case .identity, .ignored, .known: false
        }
    }

    /// Columns dropped because they could identify a respondent.
    public var droppedColumns: [String] { zip(header, roles).filter { $0.1 == .identity }.map(\.0) }
    /// Columns that are neither form fields, metadata nor identity-like.
    public var ignoredColumns: [String] { zip(header, roles).filter { $0.1 == .ignored && !$0.0.isEmpty }.map(\.0) }

    package static let koboMeta: [String: Role] = [
        "_uuid": .meta(.uuid), "_submission_time": .meta(.submissionTime), "_id": .known, "_index": .known,
        "_validation_status": .known, "_status": .known, "__version__": .known, "_version_": .known, "_tags": .known,
        "_attachments": .known, "_geolocation": .known, "_xform_id_string": .known, "_submitted_by": .identity,
        "_notes": .identity, "formhub/uuid": .known, "meta/instanceid": .meta(.instanceID), "meta/instancename": .known,
        "meta/rootuuid": .meta(.rootUUID), "meta/deprecatedid": .meta(.deprecatedID)
    ]
    package static let odkMeta: [String: Role] = [
        "key": .meta(.key), "submissiondate": .meta(.submissionTime), "meta-instanceid": .meta(.instanceID),
        "meta-instancename": .known,
        "submitterid": .identity, "submittername": .identity, "attachmentspresent": .known,
        "attachmentsexpected": .known,
        "status": .known, "reviewstate": .known, "deviceid": .identity, "edits": .meta(.edits), "formversion": .known,
        "meta-deprecatedid": .meta(.deprecatedID)
    ]
    package static let commonMeta: [String: Role] = [
        "instanceid": .meta(.instanceID), "questionnaire_id": .meta(.questionnaireID), "date": .meta(.date),
        "start": .meta(.start), "end": .meta(.end), "today": .known, "_territorio_row": .meta(.territorioRow),
        "_territorio_reasons": .meta(.territorioReasons),
        "_territorio_id": .meta(.territorioID), "deviceid": .identity, "username": .identity, "phonenumber": .identity,
        "simserial": .identity, "subscriberid": .identity, "audit": .known,
        "source": .meta(.source), "correction_of": .meta(.correctionOf)
    ]

    /// Analyses `header` against both forms; `forced` picks the form.
    public static func analyse(header: [String], forms: [SurveyForm], forced: SurveyForm.Kind? = nil) -> SurveyColumns {
        let lower = Set(header.map { $0.lowercased() })
        let dialect: Dialect =
            !lower.isDisjoint(with: ["_uuid", "_submission_time", "_index", "_id"])
            ? .kobo
            : !lower.isDisjoint(with: ["key", "submissiondate", "meta-instanceid"])
                ? .odk
                : lower.contains("questionnaire_id") ? .paper : .csv
        let candidates = forms.filter { forced == nil || $0.kind == forced }
        let analysed = candidates.map { form in
            let lookup = FormLookup(form)
            return SurveyColumns(
                dialect: dialect, lookup: lookup, header: header,
                roles: header.map { role(of: $0, lookup: lookup, dialect: dialect) })
        }
        return analysed.max { a, b in a.fieldCount < b.fieldCount }!
    }

    package var fieldCount: Int {
        roles.filter { if case .field = $0 { true } else if case .choiceFlag = $0 { true } else { false } }.count
    }

    package static func role(of rawHeader: String, lookup: FormLookup, dialect: Dialect) -> Role {
        let header = rawHeader.trimmingCharacters(in: .whitespaces)
        let lower = header.lowercased()
        if let r = commonMeta[lower] ?? (dialect == .odk ? odkMeta[lower] : koboMeta[lower]) ?? koboMeta[lower] {
            return r
        }
        if let r = lookup.splitGeoColumns[lower] { return r }
        let separators: [Character] = dialect == .odk ? ["-"] : dialect == .kobo ? ["/"] : ["/", "-"]
        var path = [header]
        for sep in separators where header.contains(sep) {
            path = header.split(separator: sep).map(String.init)
            break
        }
        let leaf = path.last ?? header
        if let f = lookup.field(leaf) { return .field(f.name) }
        if path.count >= 2, let f = lookup.field(path[path.count - 2]),
            let role = subColumn(leaf, of: f, lookup: lookup)
        {
            return role
        }
        if IdentityColumns.isIdentifying(header) { return .identity }
        return .ignored
    }

    /// `location/latitude` or `needs/food`: a part of a geopoint or one 0/1 choice column.
    private static func subColumn(_ leaf: String, of f: SurveyForm.Field, lookup: FormLookup) -> Role? {
        if f.type == .geopoint {
            switch leaf.lowercased() {
            case "latitude": return .geo(field: f.name, part: .latitude)
            case "longitude": return .geo(field: f.name, part: .longitude)
            case "altitude": return .geo(field: f.name, part: .altitude)
            case "accuracy", "precision": return .geo(field: f.name, part: .accuracy)
            default: return nil
            }
        }
        if case .selectMultiple(let list) = f.type, let value = lookup.choice(leaf, list: list) {
            return .choiceFlag(field: f.name, value: value)
        }
        return nil
    }
}
