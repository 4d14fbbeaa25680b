import Foundation
import GRDB
import TerritorioCore
import TerritorioIO

/// Writes one ingested file's submissions inside the caller's transaction. New ones are
/// inserted, identical ones counted as duplicates. A key whose answers changed is either
/// another version of a Kobo/ODK submission — the newer one by edit markers (`deprecatedID`,
/// ODK's edit count) and the submission's own time is kept, the other archived, and a version
/// already archived is not archived again — or, on paper, another questionnaire with the same
/// number: rejected, unless the user says the row is a correction.
package final class SubmissionWriter {
    package enum Outcome {
        case stored, duplicate, outdated
        /// Resolved: one version kept, the other archived; the note says which and why.
        case conflict(String)
        case rejected([String])
    }

    /// The stored version a row meets.
    package struct Stored {
        package var hash: String
        package var instanceID: String?
        package var deprecatedID: String?
        package var edits: Int?
        package var time: String?
        package var place: IngestMessage.Place
        package var batch: Int64
    }

    private let db: Database
    /// The ingest's connection, for the store's own extensions of the writer.
    package var database: Database { db }
    package let batchID: Int64
    private let file: String
    private let correction: Bool
    private let lookup: FastStatement
    private let linked: FastStatement
    private let archived: FastStatement
    private let insert: FastStatement
    private let insertNeed: FastStatement
    private let delete: Statement
    private let archive: Statement
    private let quarantine: Statement
    private let release: Statement
    private let fetchStored: Statement
    private let form: SurveyForm.Kind
    /// Whether a row of this file can match a quarantine entry (false while the quarantine is empty).
    private var quarantineInUse: Bool

    package var accepted = 0, duplicates = 0, outdated = 0, conflicts = 0, rejected = 0
    /// Submissions written (new ones and newer versions): a file ingested before that writes
    /// none changes nothing and leaves no trace.
    package var written = 0
    /// Quarantine entries that a row of this file replaced or corrected.
    package var released = 0
    package var conflictList: [String] = []

    /// Rows the batch held before this writer (a reused batch: the web app's batch of the day).
    package let previousRows: Int
    /// The stored submission that the last `.duplicate` outcome met.
    package private(set) var duplicateOf: IngestMessage.Place?

    /// A writer for a new batch, or (`reuseBatch`) for the batch of the same file and SHA-256
    /// when there is one: the web app adds each entry of a day to one batch.
    package init(
        _ db: Database, file: String, sha256: String, columns: SurveyColumns, correction: Bool = false,
        reuseBatch: Bool = false
    ) throws {
        self.db = db
        self.file = file
        self.correction = correction
        form = columns.form.kind
        quarantineInUse = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM quarantine)") ?? false
        let existing =
            reuseBatch
            ? try Row.fetchOne(
                db, sql: "SELECT id, rows FROM batch WHERE sha256 = ? AND file = ? AND form = ? ORDER BY id LIMIT 1",
                arguments: [sha256, file, form.rawValue]) : nil
        if let existing {
            batchID = existing[0]
            previousRows = existing[1]
        } else {
            try db.execute(
                sql: "INSERT INTO batch (file, sha256, form, dialect, dropped_columns) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    file, sha256, columns.form.kind.rawValue, columns.dialect.rawValue,
                    try JSONOutput.line(columns.droppedColumns)
                ])
            batchID = db.lastInsertedRowID
            previousRows = 0
        }
        lookup = try FastStatement(
            db,
            sql: """
                SELECT s.content_hash, s.instance_id, s.deprecated_id, s.edits, s.version_time,
                       b.file, s.source_row, s.batch_id
                FROM submission s JOIN batch b ON b.id = s.batch_id WHERE s.uuid = ?
                """)
        linked = try FastStatement(
            db,
            sql: """
                SELECT uuid FROM submission WHERE uuid = ?1
                UNION ALL SELECT uuid FROM submission WHERE instance_id = ?1 AND instance_id <> uuid LIMIT 1
                """)
        archived = try FastStatement(
            db,
            sql: """
                SELECT 1 FROM submission_archive WHERE uuid = ? AND content_hash = ? LIMIT 1
                """)
        insert = try FastStatement(
            db,
            sql: """
                INSERT INTO submission (uuid, form, municipality_code, submitted_at, urgency, barriers, languages,
                                        household_size, age_group, organization, period_start, period_end, content_hash,
                                        batch_id, source_row, geom, instance_id, deprecated_id, edits, version_time)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                        CASE WHEN ?16 IS NULL THEN NULL ELSE MakePoint(?16, ?17, 4326) END, ?18, ?19, ?20, ?21)
                """)
        insertNeed = try FastStatement(
            db, sql: "INSERT INTO need_report (submission_uuid, category_code, requests, unmet) VALUES (?, ?, ?, ?)")
        delete = try db.makeStatement(sql: "DELETE FROM submission WHERE uuid = ?")
        archive = try db.makeStatement(
            sql: """
                INSERT INTO submission_archive (uuid, reason, content, batch_id, source_row, content_hash)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        quarantine = try db.makeStatement(
            sql: """
                INSERT INTO quarantine (batch_id, source_row, raw, reasons, uuid, form, token)
                VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16)))) RETURNING token
                """)
        release = try db.makeStatement(sql: "DELETE FROM quarantine WHERE token = ?1 OR (uuid = ?2 AND form = ?3)")
        fetchStored = try db.makeStatement(
            sql: """
                SELECT json_object('uuid', uuid, 'form', form, 'municipality', municipality_code, 'submitted_at', submitted_at,
                       'urgency', urgency, 'barriers', barriers, 'languages', languages, 'household_size', household_size,
                       'age_group', age_group, 'organization', organization, 'period_start', period_start, 'period_end', period_end,
                       'lon', X(geom), 'lat', Y(geom), 'batch_id', batch_id, 'source_row', source_row,
                       'instance_id', instance_id, 'version_time', version_time,
                       'needs', (SELECT json_group_array(json_object('category', category_code, 'requests', requests, 'unmet', unmet))
                                 FROM need_report WHERE submission_uuid = uuid))
                FROM submission WHERE uuid = ?
                """)
    }

    /// Adds an accepted row; unless it is refused in the end, its earlier rejections (same
    /// `_territorio_id` token or same key) leave the quarantine.
    /// `hash` is the submission's ``Submission/contentHash`` when the caller computed it already.
    package func add(_ incoming: Submission, row: Int, token: String?, hash: String? = nil) throws -> Outcome {
        let outcome = try store(incoming, row: row, hash: hash)
        if case .rejected = outcome { return outcome }
        released += try releaseQuarantine(uuid: incoming.uuid, token: token)
        return outcome
    }

    private func store(_ incoming: Submission, row: Int, hash: String?) throws -> Outcome {
        var s = incoming
        var stored = try self.stored(s.uuid)
        if stored == nil, s.version.questionnaire == nil, let d = s.version.deprecatedID,
            let key = try linkedKey(d), key != s.uuid
        {
            s.uuid = key
            stored = try self.stored(key)
        }
        let hash = hash ?? s.contentHash
        let here = IngestMessage.Place(file: file, row: row)
        guard let stored else {
            if s.version.correction, let paper = Self.paper(s) {
                return .rejected([IngestMessage.correctionOfNothing(paper)])
            }
            try write(s, hash: hash, row: row)
            accepted += 1
            return .stored
        }
        if stored.hash == hash {
            duplicates += 1
            duplicateOf = stored.place
            return .duplicate
        }
        if let paper = Self.paper(s) { return try paperConflict(s, paper, hash: hash, stored: stored, here: here) }
        return try versionConflict(s, hash: hash, stored: stored, here: here)
    }

    /// A paper questionnaire with the number of a stored one and other answers: a version it
    /// replaced already (nothing to do), or another person's questionnaire unless the user says
    /// it is a correction.
    private func paperConflict(
        _ s: Submission, _ paper: IngestMessage.Paper, hash: String, stored: Stored,
        here: IngestMessage.Place
    ) throws -> Outcome {
        if try isArchived(s.uuid, hash) {
            outdated += 1
            return .outdated
        }
        if stored.batch == batchID {
            return .rejected([IngestMessage.paperTwiceInFile(paper, first: stored.place, incoming: here)])
        }
        guard correction || s.version.correction else {
            return .rejected([IngestMessage.paperConflict(paper, stored: stored.place, incoming: here)])
        }
        try replace(s, hash: hash, stored: stored, reason: "correction: replaced by \(here)", row: here.row)
        return .conflict(IngestMessage.corrected(paper, stored: stored.place))
    }

    /// Two versions of one Kobo/ODK submission: the newer is kept.
    private func versionConflict(
        _ s: Submission, hash: String, stored: Stored,
        here: IngestMessage.Place
    ) throws -> Outcome {
        let (newer, why) = Self.order(s.version, stored)
        if newer == true {
            let reason = "conflict: replaced by a newer version (\(why); \(here))"
            try replace(s, hash: hash, stored: stored, reason: reason, row: here.row)
            return .conflict(IngestMessage.replacedOlder(s.uuid, why: why, stored: stored.place))
        }
        if try isArchived(s.uuid, hash) {
            outdated += 1
            return .outdated
        }
        let content = try JSONOutput.line(s)
        let reason =
            newer == false
            ? "conflict: older than the stored version (\(why))"
            : "conflict: cannot tell which version is newer"
        try archive.execute(arguments: [s.uuid, reason, content, batchID, here.row, hash])
        conflicts += 1
        conflictList.append(s.uuid)
        return .conflict(
            newer == false
                ? IngestMessage.keptNewer(s.uuid, why: why, stored: stored.place)
                : IngestMessage.undecided(s.uuid, stored: stored.place))
    }

    /// Which of two versions is newer: an explicit edit link first, then ODK's edit count, then
    /// the submission's own time; nil when nothing tells.
    package static func order(_ v: Submission.Version, _ stored: Stored) -> (newer: Bool?, why: String) {
        if let d = v.deprecatedID, d == stored.instanceID { return (true, IngestMessage.whyDeprecates(d)) }
        if let d = stored.deprecatedID, d == v.instanceID { return (false, IngestMessage.whyDeprecated(d)) }
        if let e = v.edits, let se = stored.edits, e != se { return (e > se, IngestMessage.whyEdits(e, se)) }
        if let t = v.time, let st = stored.time, t != st { return (t > st, IngestMessage.whyTime(t, st)) }
        return (nil, "")
    }

    /// Archives the stored version (unless that content is archived already) and writes `s`.
    private func replace(_ s: Submission, hash: String, stored: Stored, reason: String, row: Int) throws {
        if try !isArchived(s.uuid, stored.hash) {
            let old = try String.fetchOne(fetchStored, arguments: [s.uuid]) ?? "{}"
            try archive.execute(arguments: [s.uuid, reason, old, nil, nil, stored.hash])
        }
        try delete.execute(arguments: [s.uuid])
        try write(s, hash: hash, row: row)
        conflicts += 1
        conflictList.append(s.uuid)
    }

    private func stored(_ uuid: String) throws -> Stored? {
        lookup.bind(1, uuid)
        guard let r = try lookup.firstRow() else { return nil }
        return Stored(
            hash: r[0] ?? "", instanceID: r[1], deprecatedID: r[2], edits: r[3].flatMap { Int($0) },
            time: r[4], place: .init(file: r[5] ?? "?", row: r[6].flatMap { Int($0) } ?? 0),
            batch: r[7].flatMap { Int64($0) } ?? 0)
    }

    /// The key of the stored submission that has (or had, before its edit) the instance id `id`.
    private func linkedKey(_ id: String) throws -> String? {
        linked.bind(1, id)
        return try linked.step().first
    }

    private func isArchived(_ uuid: String, _ hash: String) throws -> Bool {
        archived.bind(1, uuid)
        archived.bind(2, hash)
        return try archived.step().row
    }

    private static func paper(_ s: Submission) -> IngestMessage.Paper? {
        guard let number = s.version.questionnaire, let source = s.version.source else { return nil }
        return IngestMessage.Paper(number: number, source: source)
    }

    private func write(_ s: Submission, hash: String, row: Int) throws {
        insert.bind(1, s.uuid)
        insert.bind(2, s.form.rawValue)
        insert.bind(3, s.municipality)
        insert.bind(4, s.submittedAt)
        insert.bind(5, s.urgency)
        insert.bind(6, s.barriers.joined(separator: " "))
        insert.bind(7, s.languages.joined(separator: " "))
        insert.bind(8, s.householdSize)
        insert.bind(9, s.ageGroup)
        insert.bind(10, s.organization)
        insert.bind(11, s.periodStart)
        insert.bind(12, s.periodEnd)
        insert.bind(13, hash)
        insert.bind(14, batchID)
        insert.bind(15, row)
        insert.bind(16, s.location?.lon)
        insert.bind(17, s.location?.lat)
        insert.bind(18, s.version.instanceID)
        insert.bind(19, s.version.deprecatedID)
        insert.bind(20, s.version.edits)
        insert.bind(21, s.version.time)
        try insert.step()
        written += 1
        for need in s.needs {
            insertNeed.bind(1, s.uuid)
            insertNeed.bind(2, need)
            try insertNeed.step()
        }
        for (code, c) in s.caseload.sorted(by: { $0.key < $1.key }) {
            insertNeed.bind(1, s.uuid)
            insertNeed.bind(2, code)
            insertNeed.bind(3, c.requests)
            insertNeed.bind(4, c.unmet)
            try insertNeed.step()
        }
    }

    /// Keeps a rejected row (only the form's columns) with its reasons, in place of its earlier
    /// rejections (same token or instance id); returns the new entry's token.
    package func reject(raw: [String: String], reasons: [String], row: Int, uuid: String?, token: String?) throws
        -> String
    {
        try releaseQuarantine(uuid: uuid, token: token)  // replaced by this entry: not counted as released
        rejected += 1
        quarantineInUse = true
        let arguments: StatementArguments = [
            batchID, row, try JSONOutput.line(raw), try JSONOutput.line(reasons), uuid, form.rawValue
        ]
        return try String.fetchOne(quarantine, arguments: arguments) ?? ""
    }

    /// Deletes the quarantine entries of this token or key; returns how many.
    @discardableResult
    private func releaseQuarantine(uuid: String?, token: String?) throws -> Int {
        guard quarantineInUse, uuid != nil || token != nil else { return 0 }
        try release.execute(arguments: [token, uuid, form.rawValue])
        return db.changesCount
    }

    /// Records this ingest in the audit log, in the ingest's transaction.
    package func audit(account: Int64, action: String, object: String) throws {
        try Store.audit(db, account: account, action: action, object: object)
    }

    package func finish(rows: Int) throws {
        try db.execute(
            sql: """
                UPDATE batch SET rows = rows + ?, accepted = accepted + ?, duplicates = duplicates + ?,
                                 conflicts = conflicts + ?, rejected = rejected + ? WHERE id = ?
                """,
            arguments: [rows, accepted, duplicates, conflicts, rejected, batchID])
    }
}

extension Store {
    /// One ingest in one transaction: `body` adds and rejects rows through the writer (a new
    /// batch), and the transaction commits when it returns `commit: true` (a dry run, or a file
    /// that brings nothing new, rolls back).
    package func ingestSession<T>(
        file: String, sha256: String, columns: SurveyColumns, correction: Bool, reuseBatch: Bool = false,
        _ body: (SubmissionWriter) throws -> (T, commit: Bool)
    ) throws -> T {
        try transaction { db in
            // Bulk load: keep the random-keyed indexes (instance UUIDs) in memory instead of
            // spilling pages to disk and reading them back.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let writer = try SubmissionWriter(
                db, file: file, sha256: sha256, columns: columns, correction: correction, reuseBatch: reuseBatch)
            return try body(writer)
        }
    }
}
