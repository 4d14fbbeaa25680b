import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The survey tables of a PostGIS store inside one ingest session (``SubmissionLedger``), on the
/// connection the session holds. The ingest calls it synchronously, row by row: each call waits
/// for the server's answer, except writes, which are sent at once and awaited before the next
/// read (the server runs them in order; the first error surfaces there and aborts the session).
final class PostGISLedger: SubmissionLedger {
    private let connection: PostgresConnection
    private var pending: [EventLoopFuture<PostgresQueryResult>] = []

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// Waits for every write sent so far; throws the first failure.
    func flush() throws {
        let sent = pending
        pending = []
        for future in sent { _ = try future.wait() }
    }

    private func send(_ query: PostgresQuery) {
        pending.append(connection.query(query, logger: PostGISStore.logger))
    }

    private func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try flush()
        return try connection.query(query, logger: PostGISStore.logger).wait().rows.map { $0.makeRandomAccess() }
    }

    func changed(_ query: PostgresQuery) throws -> Int {
        try flush()
        return try connection.query(query, logger: PostGISStore.logger).wait().metadata.rows ?? 0
    }

    func addBatch(file: String, sha256: String, form: String, dialect: String, droppedColumns: String) throws -> Int64 {
        try rows(
            """
            INSERT INTO batch (file, sha256, form, dialect, dropped_columns)
            VALUES (\(file), \(sha256), \(form), \(dialect), \(droppedColumns)) RETURNING id
            """)[0][0].decode(Int64.self)
    }

    func batch(file: String, sha256: String, form: String) throws -> (id: Int64, rows: Int)? {
        try rows(
            """
            SELECT id, rows FROM batch WHERE sha256 = \(sha256) AND file = \(file) AND form = \(form)
            ORDER BY id LIMIT 1
            """
        ).first.map { (try $0[0].decode(Int64.self), try $0[1].decode(Int.self)) }
    }

    func firstBatch(sha256: String) throws -> (id: Int64, at: String)? {
        try rows("SELECT id, ingested_at FROM batch WHERE sha256 = \(sha256) ORDER BY id LIMIT 1").first.map {
            (try $0[0].decode(Int64.self), try $0[1].decode(String.self))
        }
    }

    func quarantineIsEmpty() throws -> Bool {
        try rows("SELECT NOT EXISTS (SELECT 1 FROM quarantine)")[0][0].decode(Bool.self)
    }

    func stored(uuid: String) throws -> StoredVersion? {
        try rows(
            """
            SELECT s.content_hash, s.instance_id, s.deprecated_id, s.edits, s.version_time, b.file, s.source_row,
                   s.batch_id
            FROM submission s JOIN batch b ON b.id = s.batch_id WHERE s.uuid = \(uuid)
            """
        ).first.map { r in
            StoredVersion(
                hash: try r[0].decode(String.self), instanceID: try r[1].decode(String?.self),
                deprecatedID: try r[2].decode(String?.self), edits: try r[3].decode(Int?.self),
                time: try r[4].decode(String?.self), file: try r[5].decode(String.self),
                row: try r[6].decode(Int.self), batch: try r[7].decode(Int64.self))
        }
    }

    func linkedKey(instanceID id: String) throws -> String? {
        try rows(
            """
            (SELECT uuid FROM submission WHERE uuid = \(id))
            UNION ALL (SELECT uuid FROM submission WHERE instance_id = \(id) AND instance_id <> uuid) LIMIT 1
            """
        ).first.map { try $0[0].decode(String.self) }
    }

    func isArchived(uuid: String, hash: String) throws -> Bool {
        try !rows("SELECT 1 FROM submission_archive WHERE uuid = \(uuid) AND content_hash = \(hash) LIMIT 1").isEmpty
    }

    func insert(_ s: Submission, hash: String, batch: Int64, row: Int) throws {
        let point = s.location.map { WKB.encode($0) }
        send(
            try """
            INSERT INTO submission (uuid, form, municipality_code, submitted_at, urgency, barriers, languages,
                                    household_size, age_group, organization, period_start, period_end, content_hash,
                                    batch_id, source_row, geom, instance_id, deprecated_id, edits, version_time)
            VALUES (\(s.uuid), \(s.form.rawValue), \(s.municipality), \(s.submittedAt), \(s.urgency),
                    \(s.barriers.joined(separator: " ")), \(s.languages.joined(separator: " ")), \(s.householdSize),
                    \(s.ageGroup), \(s.organization), \(s.periodStart), \(s.periodEnd), \(hash), \(batch), \(row),
                    ST_GeomFromWKB(\(point), 4326), \(s.version.instanceID), \(s.version.deprecatedID),
                    \(s.version.edits), \(s.version.time))
            """)
        for need in s.needs { addNeed(s.uuid, need, nil, nil) }
        for (code, c) in s.caseload.sorted(by: { $0.key < $1.key }) { addNeed(s.uuid, code, c.requests, c.unmet) }
    }

    private func addNeed(_ uuid: String, _ code: String, _ requests: Int?, _ unmet: Int?) {
        send(
            """
            INSERT INTO need_report (submission_uuid, category_code, requests, unmet)
            VALUES (\(uuid), \(code), \(requests), \(unmet))
            """)
    }

    func delete(uuid: String) throws { send("DELETE FROM submission WHERE uuid = \(uuid)") }

    func storedContent(uuid: String) throws -> String {
        try rows(
            """
            SELECT json_build_object('uuid', uuid, 'form', form, 'municipality', municipality_code,
                   'submitted_at', submitted_at, 'urgency', urgency, 'barriers', barriers, 'languages', languages,
                   'household_size', household_size, 'age_group', age_group, 'organization', organization,
                   'period_start', period_start, 'period_end', period_end, 'lon', ST_X(geom), 'lat', ST_Y(geom),
                   'batch_id', batch_id, 'source_row', source_row, 'instance_id', instance_id,
                   'version_time', version_time,
                   'needs', (SELECT coalesce(json_agg(json_build_object('category', category_code,
                                                                        'requests', requests, 'unmet', unmet)), '[]')
                             FROM need_report WHERE submission_uuid = uuid))::text
            FROM submission WHERE uuid = \(uuid)
            """
        ).first.map { try $0[0].decode(String.self) } ?? "{}"
    }

    func archive(uuid: String, reason: String, content: String, batch: Int64?, row: Int?, hash: String) throws {
        send(
            """
            INSERT INTO submission_archive (uuid, reason, content, batch_id, source_row, content_hash)
            VALUES (\(uuid), \(reason), \(content), \(batch), \(row), \(hash))
            """)
    }

    func quarantine(batch: Int64, row: Int, raw: String, reasons: String, uuid: String?, form: String) throws -> String
    {
        try rows(
            """
            INSERT INTO quarantine (batch_id, source_row, raw, reasons, uuid, form, token)
            VALUES (\(batch), \(row), \(raw), \(reasons), \(uuid), \(form), replace(gen_random_uuid()::text, '-', ''))
            RETURNING token
            """)[0][0].decode(String.self)
    }

    func release(token: String?, uuid: String?, form: String) throws -> Int {
        try changed("DELETE FROM quarantine WHERE token = \(token) OR (uuid = \(uuid) AND form = \(form))")
    }

    func addToBatch(_ batch: Int64, rows: Int, accepted: Int, duplicates: Int, conflicts: Int, rejected: Int) throws {
        send(
            """
            UPDATE batch SET rows = rows + \(rows), accepted = accepted + \(accepted),
                             duplicates = duplicates + \(duplicates), conflicts = conflicts + \(conflicts),
                             rejected = rejected + \(rejected)
            WHERE id = \(batch)
            """)
        try flush()
    }

    /// Records `account` as the one who brought `batch` in (the web app's uploads and entries).
    func claim(batch: Int64, account: Int64) throws {
        send("UPDATE batch SET account_id = \(account) WHERE id = \(batch)")
    }

    func audit(account: Int64, action: String, object: String) throws {
        send("INSERT INTO audit_log (account_id, action, object) VALUES (\(account), \(action), \(object))")
        try flush()
    }
}
