import Foundation
import GRDB

/// Writes one ingested file's submissions inside the caller's transaction: new ones are
/// inserted, identical ones counted as duplicates, and a UUID whose answers changed is a
/// conflict — the newer version is kept and the older archived.
final class SubmissionWriter {
    private let db: Database
    let batchID: Int64
    private let lookup: FastStatement
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

    var accepted = 0, duplicates = 0, conflicts = 0, rejected = 0
    /// Quarantine entries that a row of this file replaced or corrected.
    var released = 0
    var conflictList: [String] = []

    init(_ db: Database, file: String, sha256: String, columns: SurveyColumns) throws {
        self.db = db
        form = columns.form.kind
        quarantineInUse = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM quarantine)") ?? false
        try db.execute(sql: "INSERT INTO batch (file, sha256, form, dialect, dropped_columns) VALUES (?, ?, ?, ?, ?)",
                       arguments: [file, sha256, columns.form.kind.rawValue, columns.dialect.rawValue,
                                   String(decoding: try JSONEncoder().encode(columns.droppedColumns), as: UTF8.self)])
        batchID = db.lastInsertedRowID
        lookup = try FastStatement(db, sql: "SELECT content_hash, submitted_at FROM submission WHERE uuid = ?")
        insert = try FastStatement(db, sql: """
            INSERT INTO submission (uuid, form, municipality_code, submitted_at, urgency, barriers, languages, household_size,
                                    age_group, organization, period_start, period_end, content_hash, batch_id, source_row, geom)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                    CASE WHEN ?16 IS NULL THEN NULL ELSE MakePoint(?16, ?17, 4326) END)
            """)
        insertNeed = try FastStatement(db, sql: "INSERT INTO need_report (submission_uuid, category_code, requests, unmet) VALUES (?, ?, ?, ?)")
        delete = try db.makeStatement(sql: "DELETE FROM submission WHERE uuid = ?")
        archive = try db.makeStatement(sql: "INSERT INTO submission_archive (uuid, reason, content, batch_id, source_row) VALUES (?, ?, ?, ?, ?)")
        quarantine = try db.makeStatement(sql: """
            INSERT INTO quarantine (batch_id, source_row, raw, reasons, uuid, form, token)
            VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16)))) RETURNING token
            """)
        release = try db.makeStatement(sql: "DELETE FROM quarantine WHERE token = ?1 OR (uuid = ?2 AND form = ?3)")
        fetchStored = try db.makeStatement(sql: """
            SELECT json_object('uuid', uuid, 'form', form, 'municipality', municipality_code, 'submitted_at', submitted_at,
                   'urgency', urgency, 'barriers', barriers, 'languages', languages, 'household_size', household_size,
                   'age_group', age_group, 'organization', organization, 'period_start', period_start, 'period_end', period_end,
                   'lon', X(geom), 'lat', Y(geom), 'batch_id', batch_id, 'source_row', source_row,
                   'needs', (SELECT json_group_array(json_object('category', category_code, 'requests', requests, 'unmet', unmet))
                             FROM need_report WHERE submission_uuid = uuid))
            FROM submission WHERE uuid = ?
            """)
    }

    /// Adds an accepted row; its earlier rejections (same `_territorio_id` token or same
    /// instance id) leave the quarantine.
    func add(_ s: Submission, row: Int, token: String?) throws {
        try releaseQuarantine(uuid: s.uuid, token: token)
        let hash = s.contentHash
        lookup.bind(1, s.uuid)
        let stored = try lookup.step()
        if stored.row {
            if stored.first == hash { duplicates += 1; return }
            conflicts += 1
            conflictList.append(s.uuid)
            let storedTime = stored.second
            let incomingIsNewer = (s.submittedAt ?? "") >= (storedTime ?? "")
            if incomingIsNewer {
                let old = try String.fetchOne(fetchStored, arguments: [s.uuid]) ?? "{}"
                try archive.execute(arguments: [s.uuid, "conflict: replaced by a newer version (batch \(batchID), row \(row))", old, nil, nil])
                try delete.execute(arguments: [s.uuid])
                try write(s, hash: hash, row: row)
            } else {
                let incoming = String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
                try archive.execute(arguments: [s.uuid, "conflict: older than the stored version", incoming, batchID, row])
            }
            return
        }
        try write(s, hash: hash, row: row)
        accepted += 1
    }

    private func write(_ s: Submission, hash: String, row: Int) throws {
        insert.bind(1, s.uuid); insert.bind(2, s.form.rawValue); insert.bind(3, s.municipality); insert.bind(4, s.submittedAt)
        insert.bind(5, s.urgency); insert.bind(6, s.barriers.joined(separator: " ")); insert.bind(7, s.languages.joined(separator: " "))
        insert.bind(8, s.householdSize); insert.bind(9, s.ageGroup); insert.bind(10, s.organization)
        insert.bind(11, s.periodStart); insert.bind(12, s.periodEnd); insert.bind(13, hash); insert.bind(14, batchID)
        insert.bind(15, row); insert.bind(16, s.location?.lon); insert.bind(17, s.location?.lat)
        try insert.step()
        for need in s.needs {
            insertNeed.bind(1, s.uuid); insertNeed.bind(2, need)
            try insertNeed.step()
        }
        for (code, c) in s.caseload.sorted(by: { $0.key < $1.key }) {
            insertNeed.bind(1, s.uuid); insertNeed.bind(2, code); insertNeed.bind(3, c.requests); insertNeed.bind(4, c.unmet)
            try insertNeed.step()
        }
    }

    /// Keeps a rejected row (only the form's columns) with its reasons, in place of its earlier
    /// rejections (same token or instance id); returns the new entry's token.
    func reject(raw: [String: String], reasons: [String], row: Int, uuid: String?, token: String?) throws -> String {
        try releaseQuarantine(uuid: uuid, token: token)
        rejected += 1
        quarantineInUse = true
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let arguments: StatementArguments = [
            batchID, row, String(decoding: try encoder.encode(raw), as: UTF8.self),
            String(decoding: try encoder.encode(reasons), as: UTF8.self), uuid, form.rawValue,
        ]
        return try String.fetchOne(quarantine, arguments: arguments) ?? ""
    }

    private func releaseQuarantine(uuid: String?, token: String?) throws {
        guard quarantineInUse, uuid != nil || token != nil else { return }
        try release.execute(arguments: [token, uuid, form.rawValue])
        released += db.changesCount
    }

    func finish(rows: Int) throws {
        try db.execute(sql: "UPDATE batch SET rows = ?, accepted = ?, duplicates = ?, conflicts = ?, rejected = ? WHERE id = ?",
                       arguments: [rows, accepted, duplicates, conflicts, rejected, batchID])
    }
}
