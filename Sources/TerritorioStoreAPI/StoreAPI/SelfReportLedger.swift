/// A ``SubmissionLedger`` that also holds the self-report queue: accepting a self-report marks
/// it in the same transaction that stores its submission.
public protocol SelfReportLedger: SubmissionLedger {
    /// Marks the pending self-report `id` accepted as submission `uuid` (its answers dropped from
    /// the queue); false when it is no longer pending.
    func markSelfReportAccepted(_ id: Int64, uuid: String) throws -> Bool
}

extension SubmissionWriter {
    /// Marks the pending self-report `id` accepted as the submission `uuid`, in this ingest's
    /// transaction; the reasons when it is no longer pending.
    package func markSelfReportAccepted(_ id: Int64, uuid: String) throws -> [String]? {
        guard let queue = ledger as? any SelfReportLedger else {
            return ["self-report \(id): this database keeps no review queue"]
        }
        return try queue.markSelfReportAccepted(id, uuid: uuid)
            ? nil : ["self-report \(id): no longer pending (reviewed meanwhile?)"]
    }
}
