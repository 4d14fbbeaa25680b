import TerritorioCore

extension SurveyColumns {
    /// The answers of one row of the export: each column's value under the field, 0/1 column,
    /// geopoint part or metadata its header maps to; identity-like and unknown columns left out.
    /// A row whose shape is wrong, or a 0/1 cell that is neither, adds a problem naming the column.
    public func answers(of record: CSVStream.Record) -> SurveyAnswers {
        var answers = SurveyAnswers(values: [:])
        if record.fields.first.map(SubmissionReader.trim) == header.first,
            record.fields.map(SubmissionReader.trim) == header
        {
            answers.repeatsHeader = true
            answers.problems = [SurveyAnswers.headerRepeated]
        }
        answers.problems += Self.shapeProblems(of: record, header: header)
        for (i, role) in roles.enumerated() where i < record.fields.count {
            let v = SubmissionReader.trim(record.fields[i])
            guard !v.isEmpty else { continue }
            add(v, role: role, column: header[i], to: &answers)
        }
        return answers
    }

    private func add(_ v: String, role: Role, column: String, to answers: inout SurveyAnswers) {
        switch role {
        case .field(let name): answers.values[name] = v
        case .choiceFlag(let field, let value):
            if let on = YesNo.parse(v) {
                answers.flags[field, default: []].append(.init(value: value, on: on, column: column))
            } else {
                answers.problems.append(Self.notZeroOrOne(column: column, found: v))
            }
        case .geo(let field, let part): answers.geo[field, default: [:]][part] = v
        case .meta(let m): answers.meta[m] = v
        case .identity, .ignored, .known: break
        }
    }

    /// What is wrong with the shape of `record` (a quote never closed, too few or too many
    /// fields…), each naming its column.
    static func shapeProblems(of record: CSVStream.Record, header: [String]) -> [String] {
        record.shapeProblems(columns: header.count).map { problem in
            let column = problem.field.map { "column '\(Echo.value(CSVStream.name(of: $0, in: header)))': " }
            return (column ?? "") + problem.message
        }
    }

    /// The problem of a 0/1 cell that is neither.
    static func notZeroOrOne(column: String, found v: String) -> String {
        "column '\(Echo.value(column))': expected 0 or 1 (or \(YesNo.expected)), found \"\(Echo.value(v))\""
    }

    /// The columns of a form typed in the web app (or of any answers given by field name): one
    /// column per question (geopoints left out) and the metadata `meta`.
    public static func entry(form: SurveyForm, dialect: Dialect, meta: [Meta]) -> SurveyColumns {
        let fields = form.fields.filter { $0.type != .geopoint }
        let metaNames = meta.map { canonicalName(of: .meta($0)) }
        return SurveyColumns(
            dialect: dialect, lookup: FormLookup(form), header: fields.map(\.name) + metaNames,
            roles: fields.map { .field($0.name) } + meta.map { .meta($0) })
    }
}
