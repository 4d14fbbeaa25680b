import Crypto
import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioStore

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
    /// Quarantine entries that rows of this file corrected or replaced.
    public var releasedFromQuarantine = 0
    /// What is kept of respondents' points (``LocationPrivacy/description``); nil when the
    /// file has no point column.
    public var points: String?
    public var dryRun = false
}

/// Ingests survey results (KoboToolbox or ODK Central exports, or the paper template) into the
/// store: one transaction per file, one pass over the file, bounded memory.
public enum SurveyIngest {
    public struct Options: Sendable {
        public var form: SurveyForm.Kind?
        public var dryRun = false
        public var policy: IngestPolicy
        /// What is kept of a respondent's point once it has given the municipality.
        public var privacy = LocationPrivacy.standard
        /// The file's name as the batch and the summary record it (the web app's uploads: the
        /// name the browser sent, not the temporary file's path); nil: the path.
        public var displayName: String?
        /// The audit entry the ingest records in its own transaction (the web app's account).
        public var audit: (account: Int64, action: String)?
        public init(
            form: SurveyForm.Kind? = nil, dryRun: Bool = false, policy: IngestPolicy = IngestPolicy(),
            privacy: LocationPrivacy = .standard, displayName: String? = nil,
            audit: (account: Int64, action: String)? = nil
        ) {
            self.form = form
            self.dryRun = dryRun
            self.policy = policy
            self.privacy = privacy
            self.displayName = displayName
            self.audit = audit
        }
    }

    /// The note a rejected row gets when its fields do not line up with the header and the file
    /// has columns that are not kept: its values cannot be told apart from those columns'.
    static let misalignedValuesNote =
        "its values were not kept, because they do not line up with the header and "
        + "could come from a column that is not stored: correct this row in the original file"

    /// The forms of this database: its consortium's municipalities and its taxonomy.
    public static func forms(_ store: Store) throws -> [SurveyForm] {
        forms(municipalities: try store.municipalities(consortiumOnly: true), categories: try store.categories())
    }

    /// The forms of a consortium of `municipalities` with the taxonomy `categories`.
    static func forms(municipalities: [MunicipalityRecord], categories: [Category]) -> [SurveyForm] {
        let named = municipalities.map { (code: $0.code, name: $0.name) }.sorted { $0.name < $1.name }
        return [
            SurveyForm.user(municipalities: named, categories: categories),
            SurveyForm.operator(municipalities: named, categories: categories)
        ]
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, kind: .unreadable, Messages.text("file.unreadable"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty { hasher.update(data: chunk) }
        return Hex.string(hasher.finalize())
    }

    /// What an ingest settles before it reads rows: the file's columns and hash, and what
    /// answers are checked against.
    struct Plan {
        var columns: SurveyColumns
        var hash: String
        var resolver: MunicipalityResolver
        var categories: Set<String>
        /// The columns a rejected row keeps (for its correction).
        var keep: [Int]
    }

    /// Reads the header of `path` and hashes the file; a file that cannot be ingested is an error here.
    static func plan(
        path: String, forms: [SurveyForm], categories: Set<String>, resolver: MunicipalityResolver,
        options: Options
    ) throws -> Plan {
        let columns = try analyseHeader(try CSVStream(path: path), path: path, forms: forms, forced: options.form)
        if needsSource(columns), options.policy.source == nil {
            throw InputError(file: path, kind: .invalid, IngestMessage.sourceColumnMissing)
        }
        let keep = columns.roles.indices.filter { SurveyColumns.keepsForCorrection(columns.roles[$0]) }
        return Plan(
            columns: columns, hash: try sha256(path: path), resolver: resolver, categories: categories, keep: keep)
    }

    /// Ingests `path` into a SpatiaLite store. `progress` is called with bytes read and total
    /// bytes as the file is read.
    public static func ingest(
        path: String, into store: Store, options: Options = Options(),
        resolver: MunicipalityResolver? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> (IngestSummary, RejectedRows) {
        try ingestFile(path: path, into: store, options: options, resolver: resolver, progress: progress)
    }

    private static func ingestFile(
        path: String, into store: Store, options: Options, resolver: MunicipalityResolver?,
        progress: ((Int, Int) -> Void)?
    ) throws -> (IngestSummary, RejectedRows) {
        if !options.dryRun { try DiskSpace.checkIngest(input: path, database: store.path) }
        let plan = try plan(
            path: path, forms: try forms(store), categories: Set(try store.categories().map(\.code)),
            resolver: try resolver ?? Self.resolver(store), options: options)
        return try store.ingestSession(loading: path) { ledger in
            try run(plan, path: path, options: options, progress: progress, ledger: ledger)
        }
    }

    /// Ingests `path` into a store of either backend (``SurveyStore``), in one transaction.
    public static func ingest(
        path: String, into store: any SurveyStore & DirectoryStore & TerritoryStore, options: Options = Options(),
        resolver: MunicipalityResolver? = nil, progress: ((Int, Int) -> Void)? = nil
    ) async throws -> (IngestSummary, RejectedRows) {
        if let local = store as? Store {
            return try ingestFile(path: path, into: local, options: options, resolver: resolver, progress: progress)
        }
        let categories = try await store.categories()
        let members = try await store.municipalities(consortiumOnly: true, withShapes: false)
        let known: MunicipalityResolver
        if let resolver { known = resolver } else { known = try await store.municipalityResolver() }
        let plan = try plan(
            path: path, forms: forms(municipalities: members, categories: categories),
            categories: Set(categories.map(\.code)), resolver: known, options: options)
        return try await store.ingestSession { ledger in
            try run(plan, path: path, options: options, progress: progress, ledger: ledger)
        }
    }

    /// One pass over the rows of `path` into `ledger`, from the start of the file: a new batch,
    /// every row stored or quarantined; returns the summary, the rejected rows and whether to commit.
    static func run(
        _ plan: Plan, path: String, options: Options, progress: ((Int, Int) -> Void)?,
        ledger: any SubmissionLedger
    ) throws -> ((IngestSummary, RejectedRows), commit: Bool) {
        let stream = try CSVStream(path: path)
        _ = try stream.next()  // the header, read by `plan`
        let columns = plan.columns
        let previous = try ledger.firstBatch(sha256: plan.hash)
        let reader = SubmissionReader(
            columns: columns, resolver: plan.resolver, categories: plan.categories, policy: options.policy)
        var rejected = RejectedRows(
            form: columns.form.kind, dialect: columns.dialect,
            header: plan.keep.map { columns.header[$0] }, roles: plan.keep.map { columns.roles[$0] },
            format: stream.format)
        var summary = IngestSummary(
            file: options.displayName ?? path, sha256: plan.hash, form: columns.form.kind, dialect: columns.dialect,
            encoding: stream.encoding, droppedColumns: columns.droppedColumns,
            ignoredColumns: columns.ignoredColumns,
            points: hasLocation(columns) ? options.privacy.description : nil,
            dryRun: options.dryRun)
        let writer = try SubmissionWriter(
            ledger, file: summary.file, sha256: plan.hash, columns: columns, correction: options.policy.correction)
        // Parsing and validating on a second thread while this one writes.
        let producer = RowProducer(stream: stream, reader: reader, privacy: options.privacy)
        if !(ledger is SpatiaLiteLedger) {  // SpatiaLite looks each key up in place: nothing to fetch ahead
            producer.onBatch = { rows in try writer.prefetch(rows.compactMap(\.submission)) }
        }
        producer.start()
        defer { producer.stop() }
        var lastReport = 0
        while let row = try producer.next() {
            summary.rows += 1
            try ingest(
                row, reader: reader, writer: writer, keep: plan.keep, options: options,
                summary: &summary, rejected: &rejected)
            if let progress, row.bytesRead - lastReport >= 1 << 20 {
                progress(row.bytesRead, stream.totalBytes)
                lastReport = row.bytesRead
            }
        }
        try writer.finish(rows: summary.rows)
        let commit = finish(&summary, writer: writer, previous: previous, dryRun: options.dryRun)
        if commit, let audit = options.audit {
            try writer.audit(account: audit.account, action: audit.action, object: "batch \(writer.batchID)")
        }
        return ((summary, rejected), commit)
    }

    /// Copies the writer's counts into `summary`; returns whether to commit. A file ingested
    /// before commits only what it changes now (e.g. with `--correction`).
    private static func finish(
        _ summary: inout IngestSummary, writer: SubmissionWriter,
        previous: (id: Int64, at: String)?, dryRun: Bool
    ) -> Bool {
        summary.accepted = writer.accepted
        summary.duplicates = writer.duplicates
        summary.outdated = writer.outdated
        summary.conflicts = writer.conflicts
        summary.rejected = writer.rejected
        summary.releasedFromQuarantine = writer.released
        summary.conflictUUIDs = writer.conflictList
        let commit = !dryRun && (previous == nil || writer.written > 0 || writer.released > 0)
        if let previous, writer.written == 0, writer.released == 0 {
            summary.alreadyIngested = previous.id
            summary.notes.append(IngestMessage.alreadyIngested(batch: previous.id, at: previous.at))
        }
        summary.batch = commit ? writer.batchID : nil
        return commit
    }

    /// One row: stored (its point coarsened), or quarantined with only the form's columns.
    private static func ingest(
        _ row: RowProducer.Row, reader: SubmissionReader, writer: SubmissionWriter,
        keep: [Int], options: Options, summary: inout IngestSummary,
        rejected: inout RejectedRows
    ) throws {
        let record = row.record
        let keys = row.keys
        switch row.outcome {
        case .accepted(let submission, let warnings):
            switch try writer.add(submission, row: record.row, token: keys.token, hash: row.contentHash) {
            case .rejected(let reasons):
                try reject(
                    record, reasons, keys: keys, reader: reader, writer: writer, keep: keep,
                    options: options, summary: &summary, rejected: &rejected)
                return
            case .conflict(let note):
                summary.conflictNotes.append(.init(row: record.row, messages: [note]))
            default: break
            }
            if !warnings.isEmpty { summary.warnings.append(.init(row: record.row, messages: warnings)) }
        case .rejected(let reasons):
            try reject(
                record, reasons, keys: keys, reader: reader, writer: writer, keep: keep,
                options: options, summary: &summary, rejected: &rejected)
        }
    }

    /// Quarantines a row with only the form's columns, and lists it for the `--rejected` file.
    private static func reject(
        _ record: CSVStream.Record, _ reasons: [String], keys: (uuid: String?, token: String?),
        reader: SubmissionReader, writer: SubmissionWriter, keep: [Int], options: Options,
        summary: inout IngestSummary, rejected: inout RejectedRows
    ) throws {
        var reasons = reasons
        var values = keep.map { $0 < record.fields.count ? record.fields[$0] : "" }
        if record.fields.count != reader.columns.header.count && hasUnkeptValues(reader.columns) {
            values = values.map { _ in "" }
            reasons.append(misalignedValuesNote)
        }
        var raw: [String: String] = [:]
        for (i, name) in rejected.header.enumerated() where !values[i].isEmpty { raw[name] = values[i] }
        let token = try writer.reject(raw: raw, reasons: reasons, row: record.row, uuid: keys.uuid, token: keys.token)
        rejected.rows.append(
            .init(
                row: record.row, values: values, reasons: reasons,
                token: options.dryRun ? nil : token))
        summary.rejections.append(.init(row: record.row, messages: reasons))
    }

    /// Whether the file has columns whose values could identify a person or are unknown: a
    /// misaligned row could then carry one of their values into a kept column.
    static func hasUnkeptValues(_ columns: SurveyColumns) -> Bool {
        columns.roles.contains { $0 == .identity || $0 == .ignored }
    }

    /// Reads the header and maps its columns to a form, or says why the file cannot be used.
    static func analyseHeader(
        _ stream: CSVStream, path: String, forms: [SurveyForm],
        forced: SurveyForm.Kind?
    ) throws -> SurveyColumns {
        guard let headerRecord = try stream.next() else { throw InputError(file: path, Messages.text("csv.no_header")) }
        guard headerRecord.fields.count <= SurveyColumns.maximumColumns else {
            throw InputError(file: path, kind: .invalid, SurveyColumns.tooManyColumns(headerRecord.fields.count))
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = SurveyColumns.analyse(header: header, forms: forms, forced: forced)
        guard columns.fieldCount > 0 else {
            let shown = header.prefix(12).map { Echo.value($0) }.joined(separator: ", ")
            throw InputError(file: path, Messages.text("survey.no_question_column", ("header", shown)))
        }
        var seen: [SurveyColumns.Role: String] = [:]
        for (name, role) in zip(header, columns.roles) {
            switch role {
            case .field, .choiceFlag, .geo, .meta:
                if let first = seen[role] {
                    throw InputError(
                        file: path,
                        Messages.text(
                            "survey.same_question", ("first", Echo.value(first)),
                            ("second", Echo.value(name))))
                }
                seen[role] = name
            default: break
            }
        }
        try checkRequired(columns, path: path)
        return columns
    }

    private static func checkRequired(_ columns: SurveyColumns, path: String) throws {
        var present = Set<String>()
        for role in columns.roles {
            switch role {
            case .field(let n), .choiceFlag(let n, _), .geo(let n, _): present.insert(n)
            default: break
            }
        }
        let requiredMissing = columns.form.fields.filter { $0.required && !present.contains($0.name) }
            .map(\.name).filter { $0 != "municipality" || !hasLocation(columns) }
        if !requiredMissing.isEmpty {
            throw InputError(
                file: path,
                Messages.text(
                    "survey.columns_missing", ("form", columns.form.kind.rawValue),
                    ("columns", requiredMissing.joined(separator: ", "))))
        }
    }
}
