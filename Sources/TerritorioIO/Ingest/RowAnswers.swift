import TerritorioCore

/// One row of a survey export read in place: each answer is looked up by its column's position
/// (``ColumnPositions``) and trimmed when the reader asks for it. It gives what
/// ``SurveyColumns/answers(of:)`` gives for the row (the same values, the same problems in
/// the same order), without building dictionaries for every row.
package struct RowAnswers: AnswerSource {
    private let fields: [String]
    private let positions: ColumnPositions
    package private(set) var repeatsHeader = false
    package private(set) var problems: [String] = []
    /// Per 0/1 column of ``ColumnPositions/flagColumns``: ticked or not, nil when empty or unreadable.
    private var ticks: [Bool?]

    package init(_ record: CSVStream.Record, columns: SurveyColumns, positions: ColumnPositions) {
        fields = record.fields
        self.positions = positions
        ticks = Array(repeating: nil, count: positions.flagColumns.count)
        if record.fields.first.map(SubmissionReader.trim) == columns.header.first,
            record.fields.map(SubmissionReader.trim) == columns.header
        {
            repeatsHeader = true
            problems = [SurveyAnswers.headerRepeated]
        }
        problems += SurveyColumns.shapeProblems(of: record, header: columns.header)
        for (k, flag) in positions.flagColumns.enumerated() where flag.column < fields.count {
            let raw = fields[flag.column]
            if raw == "0" || raw == "1" {  // what a Kobo export holds: no trimming, no words to look up
                ticks[k] = raw == "1"
                continue
            }
            let v = SubmissionReader.trim(raw)
            guard !v.isEmpty else { continue }
            if let on = YesNo.parse(v) {
                ticks[k] = on
            } else {
                problems.append(SurveyColumns.notZeroOrOne(column: flag.header, found: v))
            }
        }
    }

    /// The last non-empty (trimmed) cell among `columns`, as a dictionary filled in column order keeps it.
    private func cell(_ columns: [Int]?) -> String? {
        guard let columns else { return nil }
        for c in columns.reversed() where c < fields.count {
            let v = SubmissionReader.trim(fields[c])
            if !v.isEmpty { return v }
        }
        return nil
    }

    package func answer(_ field: String) -> String? { cell(positions.fields[field]) }

    package func choiceFlags(_ field: String) -> [SurveyAnswers.Flag] {
        guard let indexes = positions.flagsOfField[field] else { return [] }
        return indexes.compactMap { k in
            let flag = positions.flagColumns[k]
            return ticks[k].map { SurveyAnswers.Flag(value: flag.value, on: $0, column: flag.header) }
        }
    }

    package func geoPart(_ field: String, _ part: SurveyColumns.GeoPart) -> String? {
        cell(positions.geo[field]?[part])
    }

    package func metaValue(_ m: SurveyColumns.Meta) -> String? { cell(positions.meta[m]) }
}
