import Crypto
import Foundation
import GRDB

/// What ingesting one file did.
public struct IngestSummary: Sendable, Codable {
    public struct RowNote: Sendable, Codable {
        public var row: Int
        public var messages: [String]
    }

    public var file: String
    public var sha256: String
    /// The batch id in the database (nil for a dry run).
    public var batch: Int64?
    public var form: SurveyForm.Kind
    public var dialect: SurveyColumns.Dialect
    public var encoding: String
    public var rows = 0
    public var accepted = 0
    public var duplicates = 0
    public var conflicts = 0
    public var rejected = 0
    public var conflictUUIDs: [String] = []
    public var droppedColumns: [String] = []
    public var ignoredColumns: [String] = []
    public var warnings: [RowNote] = []
    public var rejections: [RowNote] = []
    public var dryRun = false
}

/// The rows a file had rejected, with their raw values (identity-like columns removed) and
/// reasons, to write back as a CSV for correction and re-ingestion.
public struct RejectedRows: Sendable {
    public var header: [String]
    public var rows: [(row: Int, values: [String], reasons: [String])] = []

    /// Adds the rows of another file; columns are united, so no rejected row is left out.
    public mutating func append(_ other: RejectedRows) {
        let union = header + other.header.filter { !header.contains($0) }
        let position = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($1, $0) })
        func remap(_ values: [String], _ names: [String]) -> [String] {
            var out = [String](repeating: "", count: union.count)
            for (name, value) in zip(names, values) { out[position[name]!] = value }
            return out
        }
        rows = rows.map { ($0.row, remap($0.values, header), $0.reasons) } + other.rows.map { ($0.row, remap($0.values, other.header), $0.reasons) }
        header = union
    }

    /// The CSV: the file's own columns, then `_territorio_row` and `_territorio_reasons`
    /// (which ingestion ignores, so the corrected file can be ingested as it is).
    public func csv() throws -> String {
        try CSVText.make(header: header + ["_territorio_row", "_territorio_reasons"],
                         rows: rows.map { $0.values + [String($0.row), $0.reasons.joined(separator: " | ")] })
    }
}

/// Ingests survey results (KoboToolbox or ODK Central exports, or the paper template) into the
/// store: one transaction per file, one pass over the file, bounded memory.
public enum SurveyIngest {
    public struct Options: Sendable {
        public var form: SurveyForm.Kind?
        public var dryRun = false
        public init(form: SurveyForm.Kind? = nil, dryRun: Bool = false) { self.form = form; self.dryRun = dryRun }
    }

    /// The forms of this database: its consortium's municipalities and its taxonomy.
    public static func forms(_ store: Store) throws -> [SurveyForm] {
        let municipalities = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name FROM municipality WHERE in_consortium = 1 ORDER BY name").map { (code: $0[0] as String, name: $0[1] as String) }
        }
        let categories = try store.categories()
        return [SurveyForm.user(municipalities: municipalities, categories: categories),
                SurveyForm.operator(municipalities: municipalities, categories: categories)]
    }

    public static func resolver(_ store: Store) throws -> MunicipalityResolver {
        let (municipalities, shapes) = try store.read { db in
            var municipalities: [MunicipalityResolver.Municipality] = []
            var shapes: [(id: String, shape: MultiPolygon)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT code, name, in_consortium, AsBinary(geom) FROM municipality")
            while let row = try rows.next() {
                municipalities.append(.init(code: row[0], name: row[1], inConsortium: row[2]))
                shapes.append((row[0], try WKB.decodeMultiPolygon(row[3])))
            }
            return (municipalities, shapes)
        }
        return try MunicipalityResolver(municipalities: municipalities, shapes: shapes)
    }

    /// Whether the file has a geopoint column (a municipality can then be found from the point).
    static func hasLocation(_ columns: SurveyColumns) -> Bool {
        columns.roles.contains { role in
            switch role {
            case .geo: true
            case .field(let name): columns.form.field(name)?.type == .geopoint
            default: false
            }
        }
    }

    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.unreadable"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty { hasher.update(data: chunk) }
        return Hex.string(hasher.finalize())
    }

    /// Ingests `path`. `progress` is called with bytes read and total bytes as the file is read.
    public static func ingest(path: String, into store: Store, options: Options = Options(),
                              resolver: MunicipalityResolver? = nil,
                              progress: ((Int, Int) -> Void)? = nil) throws -> (IngestSummary, RejectedRows) {
        let stream = try CSVStream(path: path)
        guard let headerRecord = try stream.next() else { throw InputError(file: path, Messages.text("csv.no_header")) }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let forms = try forms(store)
        let columns = SurveyColumns.analyse(header: header, forms: forms, forced: options.form)
        guard columns.fieldCount > 0 else {
            let shown = header.prefix(12).map { Echo.value($0) }.joined(separator: ", ")
            throw InputError(file: path, Messages.text("survey.no_question_column", ("header", shown)))
        }
        var seen: [SurveyColumns.Role: String] = [:]
        for (name, role) in zip(header, columns.roles) {
            switch role {
            case .field, .choiceFlag, .geo, .meta:
                if let first = seen[role] {
                    throw InputError(file: path, Messages.text("survey.same_question", ("first", Echo.value(first)),
                                                               ("second", Echo.value(name))))
                }
                seen[role] = name
            default: break
            }
        }
        let requiredMissing = columns.form.fields.filter { f in
            f.required && !columns.roles.contains { r in
                switch r {
                case .field(let n), .choiceFlag(let n, _), .geo(let n, _): n == f.name
                default: false
                }
            }
        }.map(\.name).filter { $0 != "municipality" || !hasLocation(columns) }
        if !requiredMissing.isEmpty {
            throw InputError(file: path, Messages.text("survey.columns_missing", ("form", columns.form.kind.rawValue),
                                                      ("columns", requiredMissing.joined(separator: ", "))))
        }

        let hash = try sha256(path: path)
        let reader = SubmissionReader(columns: columns, resolver: try resolver ?? Self.resolver(store),
                                      categories: Set(try store.categories().map(\.code)))
        let keep = columns.roles.enumerated().filter { $0.element != .identity }.map(\.offset)
        var rejected = RejectedRows(header: keep.map { header[$0] })
        var summary = IngestSummary(file: path, sha256: hash, form: columns.form.kind, dialect: columns.dialect,
                                    encoding: stream.encoding, droppedColumns: columns.droppedColumns,
                                    ignoredColumns: columns.ignoredColumns, dryRun: options.dryRun)
        try store.transaction { db in
            // Bulk load: keep the random-keyed indexes (instance UUIDs) in memory instead of
            // spilling pages to disk and reading them back.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let writer = try SubmissionWriter(db, file: path, sha256: hash, columns: columns)
            var lastReport = 0
            while let record = try stream.next() {
                summary.rows += 1
                switch reader.read(record) {
                case .accepted(let submission, let warnings):
                    try writer.add(submission, row: record.row)
                    if !warnings.isEmpty { summary.warnings.append(.init(row: record.row, messages: warnings)) }
                case .rejected(let reasons):
                    let values = keep.map { $0 < record.fields.count ? record.fields[$0] : "" }
                    var raw: [String: String] = [:]
                    for (i, name) in rejected.header.enumerated() where !values[i].isEmpty { raw[name] = values[i] }
                    try writer.reject(raw: raw, reasons: reasons, row: record.row)
                    rejected.rows.append((record.row, values, reasons))
                    summary.rejections.append(.init(row: record.row, messages: reasons))
                }
                if let progress, stream.bytesRead - lastReport >= 1 << 20 { progress(stream.bytesRead, stream.totalBytes); lastReport = stream.bytesRead }
            }
            try writer.finish(rows: summary.rows)
            summary.accepted = writer.accepted
            summary.duplicates = writer.duplicates
            summary.conflicts = writer.conflicts
            summary.rejected = writer.rejected
            summary.conflictUUIDs = writer.conflictList
            summary.batch = options.dryRun ? nil : writer.batchID
            return ((), commit: !options.dryRun)
        }
        return (summary, rejected)
    }
}
