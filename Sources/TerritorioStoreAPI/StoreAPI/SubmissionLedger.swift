import TerritorioCore
import TerritorioIO

/// The survey tables as one ingest reads and writes them, inside the transaction of its
/// session (``SurveyStore/ingestSession(_:)``): batches, submissions with their needs, archived
/// versions and the quarantine. The rules (which version is newer, what a paper conflict is)
/// live in the ingest, not here: a backend only stores and finds rows.
///
/// The requirements are synchronous because the ingest reads its file row by row in one pass;
/// a server backend answers them on a connection it holds for the session.
public protocol SubmissionLedger: AnyObject {
    /// Records `account` as the one who brought `batch` in (the web app's uploads and entries).
    func claim(batch: Int64, account: Int64) throws
    /// Adds the batch of one file; returns its id.
    func addBatch(file: String, sha256: String, form: String, dialect: String, droppedColumns: String) throws
        -> Int64
    /// The first batch of this file, SHA-256 and form, with the rows it holds (a reused batch).
    func batch(file: String, sha256: String, form: String) throws -> (id: Int64, rows: Int)?
    /// The first batch that ingested a file with this SHA-256, and when.
    func firstBatch(sha256: String) throws -> (id: Int64, at: String)?
    /// Whether the quarantine holds anything at all.
    func quarantineIsEmpty() throws -> Bool
    /// The stored version with this key.
    func stored(uuid: String) throws -> StoredVersion?
    /// The key of the stored submission that has (or had, before its edit) the instance id `id`.
    func linkedKey(instanceID id: String) throws -> String?
    /// Whether this content of `uuid` is archived.
    func isArchived(uuid: String, hash: String) throws -> Bool
    /// Stores `submission` (its point as it is, its needs and caseload).
    func insert(_ submission: Submission, hash: String, batch: Int64, row: Int) throws
    /// Removes the stored submission `uuid` (its needs go with it).
    func delete(uuid: String) throws
    /// The stored submission `uuid` as one JSON object, for the archive.
    func storedContent(uuid: String) throws -> String
    /// Archives a version that is not (or no longer) stored.
    func archive(uuid: String, reason: String, content: String, batch: Int64?, row: Int?, hash: String) throws
    /// Quarantines a rejected row (JSON of its kept values and of its reasons); returns its new token.
    func quarantine(batch: Int64, row: Int, raw: String, reasons: String, uuid: String?, form: String) throws
        -> String
    /// Deletes the quarantine entries with this token, or this key and form; returns how many.
    func release(token: String?, uuid: String?, form: String) throws -> Int
    /// Adds these counts to the batch's (a reused batch keeps its earlier ones).
    func addToBatch(_ batch: Int64, rows: Int, accepted: Int, duplicates: Int, conflicts: Int, rejected: Int) throws
    /// Records an entry in the audit log, in the session's transaction.
    func audit(account: Int64, action: String, object: String) throws
    /// Announces the next rows: the keys ``stored(uuid:)`` and the instance ids
    /// ``linkedKey(instanceID:)`` will be asked for. A server backend reads them in one query
    /// instead of one per row; answers stay those of the calls alone.
    func prefetch(uuids: [String], instanceIDs: [String]) throws
}

extension SubmissionLedger {
    /// Nothing to fetch ahead where each lookup is a local call (SpatiaLite).
    public func prefetch(uuids: [String], instanceIDs: [String]) throws {}
}
