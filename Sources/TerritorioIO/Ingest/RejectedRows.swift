import Foundation
import TerritorioCore

/// The rejected rows of one form, to write back as a CSV for correction and re-ingestion: the
/// columns the form knows (never identity-like or unknown ones), in the input's column names,
/// delimiter and encoding, then `_territorio_row`, `_territorio_reasons` and `_territorio_id`
/// (the quarantine entry the row clears once it is accepted).
public struct RejectedRows: Sendable {
    /// One rejected row: its row in the input file, the values of ``header``, the reasons, and
    /// its quarantine entry's token (nil in a dry run, where nothing is kept).
    public struct Line: Sendable {
        public var row: Int
        public var values: [String]
        public var reasons: [String]
        public var token: String?

        package init(row: Int, values: [String], reasons: [String], token: String? = nil) {
            self.row = row
            self.values = values
            self.reasons = reasons
            self.token = token
        }
    }

    public var form: SurveyForm.Kind
    public var dialect: SurveyColumns.Dialect
    public var header: [String]
    /// What each column of ``header`` holds (no two columns hold the same thing).
    public var roles: [SurveyColumns.Role]
    public var format: TextFileFormat
    public var rows: [Line] = []

    public init(
        form: SurveyForm.Kind, dialect: SurveyColumns.Dialect, header: [String], roles: [SurveyColumns.Role],
        format: TextFileFormat = TextFileFormat()
    ) {
        self.form = form
        self.dialect = dialect
        self.header = header
        self.roles = roles
        self.format = format
    }

    /// Adds the rows of another file of the same form. Columns are matched by what they hold,
    /// so no rejected value is left out and no question gets two columns; when the files come
    /// from different exports (Kobo and ODK), every column takes its KoboToolbox-style name.
    public mutating func append(_ other: RejectedRows) {
        if other.dialect != dialect {
            header = roles.map { SurveyColumns.canonicalName(of: $0) }
            dialect = .kobo
        }
        var position = Dictionary(roles.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (name, role) in zip(other.header, other.roles) where position[role] == nil {
            position[role] = header.count
            header.append(dialect == other.dialect ? name : SurveyColumns.canonicalName(of: role))
            roles.append(role)
        }
        for i in rows.indices { rows[i].values += Array(repeating: "", count: header.count - rows[i].values.count) }
        for line in other.rows {
            var values = [String](repeating: "", count: header.count)
            for (role, value) in zip(other.roles, line.values) { values[position[role]!] = value }
            rows.append(Line(row: line.row, values: values, reasons: line.reasons, token: line.token))
        }
    }

    /// The CSV text, with this file's delimiter.
    public func csv() throws -> String {
        try CSVText.make(
            header: header + ["_territorio_row", "_territorio_reasons", "_territorio_id"],
            rows: rows.map { line in
                line.values + [String(line.row), line.reasons.joined(separator: " | "), line.token ?? ""]
            },
            delimiter: format.delimiter)
    }

    /// Writes the CSV atomically in the input's encoding; returns true when it had to fall back
    /// to UTF-8 (see ``TextFileFormat/encode(_:)``).
    public func write(to path: String) throws -> Bool {
        let (data, fellBack) = format.encode(try csv())
        try AtomicFile.write(data, to: path)
        return fellBack
    }

    /// Where each form's rejected rows go: `path` itself when only one form has rejected rows,
    /// else `<path without extension>-user.csv` and `-operator.csv`. Forms without rejected rows
    /// get no file.
    public static func destinations(_ groups: [RejectedRows], path: String) -> [(path: String, rows: RejectedRows)] {
        let nonEmpty = groups.filter { !$0.rows.isEmpty }
        guard nonEmpty.count > 1 else { return nonEmpty.map { (path, $0) } }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
        let stem = url.deletingPathExtension()
        return nonEmpty.map { group in
            let name = stem.lastPathComponent + "-" + group.form.rawValue + "." + ext
            return (stem.deletingLastPathComponent().appendingPathComponent(name).path, group)
        }
    }
}
