import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

/// The survey tables of a PostGIS store inside one ingest session (``SubmissionLedger``), on the
/// connection the session holds. The ingest calls it synchronously, row by row, so it saves the
/// round trips it can: the stored versions of the next rows are read ahead in one query
/// (``prefetch(uuids:instanceIDs:)``), new submissions and their needs are kept and sent by one
/// `COPY` each, and other writes are sent at once and awaited before the next read (the server
/// runs them in order; the first error surfaces there and aborts the session).
final class PostGISLedger: SubmissionLedger {
    let connection: PostgresConnection
    private var pending: [EventLoopFuture<PostgresQueryResult>] = []
    /// Submissions and needs inserted but not sent yet.
    private var submissions = PostGISCopyRows(), needs = PostGISCopyRows()
    /// Stored versions read ahead, by key (nil: nothing stored under it); a key written since
    /// is no longer here, so that it is read again.
    var storedAhead: [String: StoredVersion?] = [:]
    /// Linked keys read ahead, by instance id (nil: none).
    var linkedAhead: [String: String?] = [:]

    /// Submissions kept before they are sent (a read or another write sends them earlier).
    static let copyRows = 4096

    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// Sends the kept submissions and waits for every write sent so far; throws the first failure.
    func flush() throws {
        try sendInserts()
        try waitForWrites()
    }

    private func waitForWrites() throws {
        let sent = pending
        pending = []
        for future in sent { _ = try future.wait() }
    }

    /// Sends the kept submissions and their needs, one COPY each, after the writes before them.
    private func sendInserts() throws {
        guard !submissions.isEmpty else { return }
        try waitForWrites()
        let (rows, needRows) = (submissions.data, needs.data)
        submissions = PostGISCopyRows()
        needs = PostGISCopyRows()
        let connection = self.connection
        try BlockingCompletion.run {
            try await connection.copyFrom(
                table: "submission", columns: Self.submissionColumns, logger: PostGISStore.logger
            ) { try await $0.write(rows) }
            guard needRows.readableBytes > 0 else { return }
            try await connection.copyFrom(
                table: "need_report", columns: ["submission_uuid", "category_code", "requests", "unmet"],
                logger: PostGISStore.logger
            ) { try await $0.write(needRows) }
        }
    }

    private func send(_ query: PostgresQuery) throws {
        try sendInserts()
        pending.append(connection.query(query, logger: PostGISStore.logger))
    }

    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
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
        if let ahead = storedAhead[uuid] { return ahead }
        return try storedVersions(Self.storedQuery([uuid])).first?.version
    }

    func linkedKey(instanceID id: String) throws -> String? {
        if let ahead = linkedAhead[id] { return ahead }
        return try linkedKeys([id])[id] ?? nil
    }

    func isArchived(uuid: String, hash: String) throws -> Bool {
        try !rows("SELECT 1 FROM submission_archive WHERE uuid = \(uuid) AND content_hash = \(hash) LIMIT 1").isEmpty
    }

    func insert(_ s: Submission, hash: String, batch: Int64, row: Int) throws {
        forget(s.uuid, instanceID: s.version.instanceID)
        submissions.text(s.uuid)
        submissions.text(s.form.rawValue)
        submissions.text(s.municipality)
        let lists: [String?] = [s.barriers.joined(separator: " "), s.languages.joined(separator: " ")]
        for value in [s.submittedAt, s.urgency] + lists { submissions.text(value) }
        submissions.integer(s.householdSize)
        for value in [s.ageGroup, s.organization, s.periodStart, s.periodEnd, hash as String?] {
            submissions.text(value)
        }
        submissions.integer(batch)
        submissions.integer(row)
        submissions.point(s.location)
        for value in [s.version.instanceID, s.version.deprecatedID] { submissions.text(value) }
        submissions.integer(s.version.edits)
        submissions.text(s.version.time)
        submissions.endRow()
        for need in s.needs { addNeed(s.uuid, need, nil, nil) }
        for (code, c) in s.caseload.sorted(by: { $0.key < $1.key }) { addNeed(s.uuid, code, c.requests, c.unmet) }
        if submissions.count >= Self.copyRows { try sendInserts() }
    }

    /// The columns of `submission` in the order ``insert(_:hash:batch:row:)`` writes them.
    static let submissionColumns = [
        "uuid", "form", "municipality_code", "submitted_at", "urgency", "barriers", "languages", "household_size",
        "age_group", "organization", "period_start", "period_end", "content_hash", "batch_id", "source_row", "geom",
        "instance_id", "deprecated_id", "edits", "version_time"
    ]

    private func addNeed(_ uuid: String, _ code: String, _ requests: Int?, _ unmet: Int?) {
        needs.text(uuid)
        needs.text(code)
        needs.integer(requests)
        needs.integer(unmet)
        needs.endRow()
    }

    func delete(uuid: String) throws {
        forget(uuid, instanceID: nil)
        linkedAhead.removeAll()
        try send("DELETE FROM submission WHERE uuid = \(uuid)")
    }

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
        try send(
            """
            INSERT INTO submission_archive (uuid, reason, content, batch_id, source_row, content_hash)
            VALUES (\(uuid), \(reason), \(content), \(batch), \(row), \(hash))
            """)
    }

    func quarantine(batch: Int64, row: Int, raw: String, reasons: String, uuid: String?, form: String) throws -> String
    {
        // The token the server would make (`gen_random_uuid` without dashes), made here so that
        // the insert need not be awaited.
        let token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try send(
            """
            INSERT INTO quarantine (batch_id, source_row, raw, reasons, uuid, form, token)
            VALUES (\(batch), \(row), \(raw), \(reasons), \(uuid), \(form), \(token))
            """)
        return token
    }

    func release(token: String?, uuid: String?, form: String) throws -> Int {
        try changed("DELETE FROM quarantine WHERE token = \(token) OR (uuid = \(uuid) AND form = \(form))")
    }

    func addToBatch(_ batch: Int64, rows: Int, accepted: Int, duplicates: Int, conflicts: Int, rejected: Int) throws {
        try send(
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
        try send("UPDATE batch SET account_id = \(account) WHERE id = \(batch)")
        try flush()
    }

    func audit(account: Int64, action: String, object: String) throws {
        try send("INSERT INTO audit_log (account_id, action, object) VALUES (\(account), \(action), \(object))")
        try flush()
    }
}
