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
    /// Rows that are an older version of a stored submission, already archived: nothing written.
    public var outdated = 0
    public var conflicts = 0
    public var rejected = 0
    public var conflictUUIDs: [String] = []
    /// Per conflict resolved: which version was kept and why.
    public var conflictNotes: [RowNote] = []
    /// The batch that already holds this very file (same SHA-256): nothing was written.
    public var alreadyIngested: Int64?
    public var notes: [String] = []
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
        public var policy: IngestPolicy
        public init(form: SurveyForm.Kind? = nil, dryRun: Bool = false, policy: IngestPolicy = IngestPolicy()) {
            self.form = form
            self.dryRun = dryRun
            self.policy = policy
        }
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
        try store.municipalityResolver()
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

    /// Whether rows are paper questionnaires (keyed by their number, no instance id) of the user
    /// survey without a `source` column: their numbers would collide across organisations.
    /// (Operator questionnaires fall back on their `organization`.)
    static func needsSource(_ columns: SurveyColumns) -> Bool {
        let roles = Set(columns.roles)
        let instance: Set<SurveyColumns.Role> = [.meta(.instanceID), .meta(.key), .meta(.uuid), .meta(.rootUUID)]
        let paper = roles.contains(.meta(.questionnaireID)) || roles.contains(.meta(.correctionOf))
        return paper && roles.isDisjoint(with: instance) && !roles.contains(.meta(.source))
            && columns.form.kind == .user
    }

    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, "cannot read the file") }
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
        if !options.dryRun { try DiskSpace.checkIngest(input: path, database: store.path) }
        guard let headerRecord = try stream.next() else { throw InputError(file: path, "the file has no header line") }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let forms = try forms(store)
        let columns = SurveyColumns.analyse(header: header, forms: forms, forced: options.form)
        guard columns.fieldCount > 0 else {
            throw InputError(file: path, "no column matches a question of the user or operator survey (the header is: \(header.prefix(12).joined(separator: ", "))); is the delimiter right, or is this another form?")
        }
        var seen: [SurveyColumns.Role: String] = [:]
        for (name, role) in zip(header, columns.roles) {
            switch role {
            case .field, .choiceFlag, .geo, .meta:
                if let first = seen[role] {
                    throw InputError(file: path, kind: .invalid, "the columns '\(first)' and '\(name)' hold the same question; keep one")
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
            throw InputError(file: path, kind: .invalid, "the \(columns.form.kind.rawValue) survey needs the columns \(requiredMissing.joined(separator: ", ")), which the file lacks")
        }

        if needsSource(columns), options.policy.source == nil {
            throw InputError(file: path, kind: .invalid, IngestMessage.sourceColumnMissing)
        }
        let hash = try sha256(path: path)
        let previous = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT id, ingested_at FROM batch WHERE sha256 = ? ORDER BY id LIMIT 1",
                             arguments: [hash])
        }
        let reader = SubmissionReader(columns: columns, resolver: try resolver ?? Self.resolver(store),
                                      categories: Set(try store.categories().map(\.code)), policy: options.policy)
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
            let writer = try SubmissionWriter(db, file: path, sha256: hash, columns: columns,
                                              correction: options.policy.correction)
            func reject(_ record: CSVStream.Record, _ reasons: [String]) throws {
                let values = keep.map { $0 < record.fields.count ? record.fields[$0] : "" }
                var raw: [String: String] = [:]
                for (i, name) in rejected.header.enumerated() where !values[i].isEmpty { raw[name] = values[i] }
                try writer.reject(raw: raw, reasons: reasons, row: record.row)
                rejected.rows.append((record.row, values, reasons))
                summary.rejections.append(.init(row: record.row, messages: reasons))
            }
            var lastReport = 0
            while let record = try stream.next() {
                summary.rows += 1
                switch reader.read(record) {
                case .accepted(let submission, let warnings):
                    let outcome = try writer.add(submission, row: record.row)
                    if case .rejected(let reasons) = outcome {
                        try reject(record, reasons)
                    } else {
                        if case .conflict(let note) = outcome {
                            summary.conflictNotes.append(.init(row: record.row, messages: [note]))
                        }
                        if !warnings.isEmpty { summary.warnings.append(.init(row: record.row, messages: warnings)) }
                    }
                case .rejected(let reasons):
                    try reject(record, reasons)
                }
                if let progress, stream.bytesRead - lastReport >= 1 << 20 { progress(stream.bytesRead, stream.totalBytes); lastReport = stream.bytesRead }
            }
            try writer.finish(rows: summary.rows)
            summary.accepted = writer.accepted
            summary.duplicates = writer.duplicates
            summary.outdated = writer.outdated
            summary.conflicts = writer.conflicts
            summary.rejected = writer.rejected
            summary.conflictUUIDs = writer.conflictList
            // A file ingested before commits only what it changes now (e.g. with --correction).
            let commit = !options.dryRun && (previous == nil || writer.written > 0)
            if let previous, writer.written == 0 {
                let id: Int64 = previous[0], time: String = previous[1]
                summary.alreadyIngested = id
                summary.notes.append(IngestMessage.alreadyIngested(batch: id, at: time))
            }
            summary.batch = commit ? writer.batchID : nil
            return ((), commit: commit)
        }
        return (summary, rejected)
    }
}
