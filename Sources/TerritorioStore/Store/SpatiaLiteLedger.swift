import Foundation
import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The survey tables of a SpatiaLite store inside one ingest's transaction (``SubmissionLedger``),
/// with the statements prepared once and bound through the C API (``FastStatement``): the
/// ingest of a national export runs them millions of times.
package final class SpatiaLiteLedger: SubmissionLedger {
    private let db: Database
    /// The session's connection, for the store's own extensions of the ingest (the web app's queues).
    package var database: Database { db }
    private let lookup: FastStatement
    private let linked: FastStatement
    private let archived: FastStatement
    private let insertSubmission: InsertStatement
    private let insertNeed: InsertStatement
    private let deleteSubmission: Statement
    private let archiveVersion: Statement
    private let quarantineRow: Statement
    private let releaseRows: Statement
    private let fetchStored: Statement
    /// The keys written, when the table was empty at the start (nil otherwise).
    private var written: WrittenKeys?

    package init(_ db: Database) throws {
        self.db = db
        let empty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM submission)") ?? false
        written = empty ? WrittenKeys() : nil
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
            db, sql: "SELECT 1 FROM submission_archive WHERE uuid = ? AND content_hash = ? LIMIT 1")
        insertSubmission = try InsertStatement(
            db,
            sql: """
                INSERT INTO submission (uuid, form, municipality_code, submitted_at, urgency, barriers, languages,
                                        household_size, age_group, organization, period_start, period_end, content_hash,
                                        batch_id, source_row, geom, instance_id, deprecated_id, edits, version_time)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                        CASE WHEN ?16 IS NULL THEN NULL ELSE MakePoint(?16, ?17, 4326) END, ?18, ?19, ?20, ?21)
                """)
        insertNeed = try InsertStatement(
            db, sql: "INSERT INTO need_report (submission_uuid, category_code, requests, unmet) VALUES (?, ?, ?, ?)")
        deleteSubmission = try db.makeStatement(sql: "DELETE FROM submission WHERE uuid = ?")
        archiveVersion = try db.makeStatement(
            sql: """
                INSERT INTO submission_archive (uuid, reason, content, batch_id, source_row, content_hash)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        quarantineRow = try db.makeStatement(
            sql: """
                INSERT INTO quarantine (batch_id, source_row, raw, reasons, uuid, form, token)
                VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16)))) RETURNING token
                """)
        releaseRows = try db.makeStatement(sql: "DELETE FROM quarantine WHERE token = ?1 OR (uuid = ?2 AND form = ?3)")
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

    package func addBatch(file: String, sha256: String, form: String, dialect: String, droppedColumns: String) throws
        -> Int64
    {
        try db.execute(
            sql: "INSERT INTO batch (file, sha256, form, dialect, dropped_columns) VALUES (?, ?, ?, ?, ?)",
            arguments: [file, sha256, form, dialect, droppedColumns])
        return db.lastInsertedRowID
    }

    package func batch(file: String, sha256: String, form: String) throws -> (id: Int64, rows: Int)? {
        try Row.fetchOne(
            db, sql: "SELECT id, rows FROM batch WHERE sha256 = ? AND file = ? AND form = ? ORDER BY id LIMIT 1",
            arguments: [sha256, file, form]
        ).map { ($0[0], $0[1]) }
    }

    package func firstBatch(sha256: String) throws -> (id: Int64, at: String)? {
        try Row.fetchOne(
            db, sql: "SELECT id, ingested_at FROM batch WHERE sha256 = ? ORDER BY id LIMIT 1", arguments: [sha256]
        ).map { ($0[0], $0[1]) }
    }

    package func quarantineIsEmpty() throws -> Bool {
        !(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM quarantine)") ?? false)
    }

    package func stored(uuid: String) throws -> StoredVersion? {
        if let written, !written.mayHold(uuid) { return nil }
        lookup.bind(1, uuid)
        guard let r = try lookup.firstRow() else { return nil }
        return StoredVersion(
            hash: r[0] ?? "", instanceID: r[1], deprecatedID: r[2], edits: r[3].flatMap { Int($0) },
            time: r[4], file: r[5] ?? "?", row: r[6].flatMap { Int($0) } ?? 0,
            batch: r[7].flatMap { Int64($0) } ?? 0)
    }

    package func linkedKey(instanceID id: String) throws -> String? {
        linked.bind(1, id)
        return try linked.step().first
    }

    package func isArchived(uuid: String, hash: String) throws -> Bool {
        archived.bind(1, uuid)
        archived.bind(2, hash)
        return try archived.step().row
    }

    package func insert(_ s: Submission, hash: String, batch: Int64, row: Int) throws {
        // Every parameter is bound for every row (``InsertStatement/run()`` needs them all).
        insertSubmission.bind(1, s.uuid)
        insertSubmission.bind(2, s.form.rawValue)
        insertSubmission.bind(3, s.municipality)
        insertSubmission.bind(4, s.submittedAt)
        insertSubmission.bind(5, s.urgency)
        insertSubmission.bind(6, s.barriers.joined(separator: " "))
        insertSubmission.bind(7, s.languages.joined(separator: " "))
        insertSubmission.bind(8, s.householdSize)
        insertSubmission.bind(9, s.ageGroup)
        insertSubmission.bind(10, s.organization)
        insertSubmission.bind(11, s.periodStart)
        insertSubmission.bind(12, s.periodEnd)
        insertSubmission.bind(13, hash)
        insertSubmission.bind(14, batch)
        insertSubmission.bind(15, row)
        insertSubmission.bind(16, s.location?.lon)
        insertSubmission.bind(17, s.location?.lat)
        insertSubmission.bind(18, s.version.instanceID)
        insertSubmission.bind(19, s.version.deprecatedID)
        insertSubmission.bind(20, s.version.edits)
        insertSubmission.bind(21, s.version.time)
        try insertSubmission.run()
        written?.add(s.uuid)
        for need in s.needs { try addNeed(s.uuid, need, nil, nil) }
        for (code, c) in s.caseload.sorted(by: { $0.key < $1.key }) { try addNeed(s.uuid, code, c.requests, c.unmet) }
    }

    private func addNeed(_ uuid: String, _ code: String, _ requests: Int?, _ unmet: Int?) throws {
        insertNeed.bind(1, uuid)
        insertNeed.bind(2, code)
        insertNeed.bind(3, requests)
        insertNeed.bind(4, unmet)
        try insertNeed.run()
    }

    package func delete(uuid: String) throws { try deleteSubmission.execute(arguments: [uuid]) }

    package func storedContent(uuid: String) throws -> String {
        try String.fetchOne(fetchStored, arguments: [uuid]) ?? "{}"
    }

    package func archive(uuid: String, reason: String, content: String, batch: Int64?, row: Int?, hash: String) throws {
        try archiveVersion.execute(arguments: [uuid, reason, content, batch, row, hash])
    }

    package func quarantine(batch: Int64, row: Int, raw: String, reasons: String, uuid: String?, form: String) throws
        -> String
    {
        try String.fetchOne(quarantineRow, arguments: [batch, row, raw, reasons, uuid, form]) ?? ""
    }

    package func release(token: String?, uuid: String?, form: String) throws -> Int {
        try releaseRows.execute(arguments: [token, uuid, form])
        return db.changesCount
    }

    package func addToBatch(_ batch: Int64, rows: Int, accepted: Int, duplicates: Int, conflicts: Int, rejected: Int)
        throws
    {
        try db.execute(
            sql: """
                UPDATE batch SET rows = rows + ?, accepted = accepted + ?, duplicates = duplicates + ?,
                                 conflicts = conflicts + ?, rejected = rejected + ? WHERE id = ?
                """,
            arguments: [rows, accepted, duplicates, conflicts, rejected, batch])
    }

    package func claim(batch: Int64, account: Int64) throws {
        try db.execute(sql: "UPDATE batch SET account_id = ? WHERE id = ?", arguments: [account, batch])
    }

    package func audit(account: Int64, action: String, object: String) throws {
        try Store.audit(db, account: account, action: action, object: object)
    }
}
