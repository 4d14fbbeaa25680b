import Foundation
import TerritorioCore
import TerritorioIO

/// Writes one ingested file's submissions inside the caller's transaction. New ones are
/// inserted, identical ones counted as duplicates. A key whose answers changed is either
/// another version of a Kobo/ODK submission — the newer one by edit markers (`deprecatedID`,
/// ODK's edit count) and the submission's own time is kept, the other archived, and a version
/// already archived is not archived again — or, on paper, another questionnaire with the same
/// number: rejected, unless the user says the row is a correction.
///
/// The rules live here; the rows are read and written through a ``SubmissionLedger``, so both
/// backends (SpatiaLite and PostGIS) ingest alike.
package final class SubmissionWriter {
    package typealias Stored = StoredVersion

    package enum Outcome {
        case stored, duplicate, outdated
        /// Resolved: one version kept, the other archived; the note says which and why.
        case conflict(String)
        case rejected([String])
    }

    /// The ledger of the session (a backend's own extensions of the writer reach their
    /// connection through it).
    package let ledger: any SubmissionLedger
    package let batchID: Int64
    private let file: String
    private let correction: Bool
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

    /// Starts the batch of `file` in `ledger` (the session's transaction), or (`reuseBatch`)
    /// continues the batch of the same file and SHA-256 when there is one: the web app adds each
    /// entry of a day to one batch.
    package init(
        _ ledger: any SubmissionLedger, file: String, sha256: String, columns: SurveyColumns,
        correction: Bool = false, reuseBatch: Bool = false
    ) throws {
        self.ledger = ledger
        self.file = file
        self.correction = correction
        form = columns.form.kind
        quarantineInUse = !(try ledger.quarantineIsEmpty())
        let existing = reuseBatch ? try ledger.batch(file: file, sha256: sha256, form: form.rawValue) : nil
        if let existing {
            batchID = existing.id
            previousRows = existing.rows
        } else {
            batchID = try ledger.addBatch(
                file: file, sha256: sha256, form: columns.form.kind.rawValue, dialect: columns.dialect.rawValue,
                droppedColumns: try JSONOutput.line(columns.droppedColumns))
            previousRows = 0
        }
    }

    /// Adds an accepted row; unless it is refused in the end, its earlier rejections (same
    /// `_territorio_id` token or same key) leave the quarantine.
    /// `hash` is the submission's ``Submission/contentHash`` when the caller computed it already
    /// (the ingest hashes on its reading thread).
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
            duplicateOf = place(stored)
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
            return .rejected([IngestMessage.paperTwiceInFile(paper, first: place(stored), incoming: here)])
        }
        guard correction || s.version.correction else {
            return .rejected([IngestMessage.paperConflict(paper, stored: place(stored), incoming: here)])
        }
        try replace(s, hash: hash, stored: stored, reason: "correction: replaced by \(here)", row: here.row)
        return .conflict(IngestMessage.corrected(paper, stored: place(stored)))
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
            return .conflict(IngestMessage.replacedOlder(s.uuid, why: why, stored: place(stored)))
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
        try ledger.archive(uuid: s.uuid, reason: reason, content: content, batch: batchID, row: here.row, hash: hash)
        conflicts += 1
        conflictList.append(s.uuid)
        return .conflict(
            newer == false
                ? IngestMessage.keptNewer(s.uuid, why: why, stored: place(stored))
                : IngestMessage.undecided(s.uuid, stored: place(stored)))
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
            let old = try ledger.storedContent(uuid: s.uuid)
            try ledger.archive(uuid: s.uuid, reason: reason, content: old, batch: nil, row: nil, hash: stored.hash)
        }
        try ledger.delete(uuid: s.uuid)
        try write(s, hash: hash, row: row)
        conflicts += 1
        conflictList.append(s.uuid)
    }

    private func stored(_ uuid: String) throws -> Stored? { try ledger.stored(uuid: uuid) }

    /// Where a stored version came from, for messages.
    private func place(_ stored: Stored) -> IngestMessage.Place { .init(file: stored.file, row: stored.row) }

    /// The key of the stored submission that has (or had, before its edit) the instance id `id`.
    private func linkedKey(_ id: String) throws -> String? { try ledger.linkedKey(instanceID: id) }

    private func isArchived(_ uuid: String, _ hash: String) throws -> Bool {
        try ledger.isArchived(uuid: uuid, hash: hash)
    }

    static func paper(_ s: Submission) -> IngestMessage.Paper? {
        guard let number = s.version.questionnaire, let source = s.version.source else { return nil }
        return IngestMessage.Paper(number: number, source: source)
    }

    private func write(_ s: Submission, hash: String, row: Int) throws {
        try ledger.insert(s, hash: hash, batch: batchID, row: row)
        written += 1
    }

    /// Keeps a rejected row (only the form's columns) with its reasons, in place of its earlier
    /// rejections (same token or instance id); returns the new entry's token.
    package func reject(raw: [String: String], reasons: [String], row: Int, uuid: String?, token: String?) throws
        -> String
    {
        try releaseQuarantine(uuid: uuid, token: token)  // replaced by this entry: not counted as released
        rejected += 1
        quarantineInUse = true
        return try ledger.quarantine(
            batch: batchID, row: row, raw: try JSONOutput.line(raw), reasons: try JSONOutput.line(reasons),
            uuid: uuid, form: form.rawValue)
    }

    /// Deletes the quarantine entries of this token or key; returns how many.
    @discardableResult
    private func releaseQuarantine(uuid: String?, token: String?) throws -> Int {
        guard quarantineInUse, uuid != nil || token != nil else { return 0 }
        return try ledger.release(token: token, uuid: uuid, form: form.rawValue)
    }

    /// Records this ingest in the audit log, in the ingest's transaction.
    /// The batch is also marked as this account's (whose organisation then sees its quarantine).
    package func audit(account: Int64, action: String, object: String) throws {
        try ledger.audit(account: account, action: action, object: object)
        try ledger.claim(batch: batchID, account: account)
    }

    /// Adds this writer's counts (and `rows` read) to the batch's.
    package func finish(rows: Int) throws {
        try ledger.addToBatch(
            batchID, rows: rows, accepted: accepted, duplicates: duplicates, conflicts: conflicts, rejected: rejected)
    }
}
