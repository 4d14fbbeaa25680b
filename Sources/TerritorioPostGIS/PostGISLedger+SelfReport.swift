import PostgresNIO
import TerritorioStoreAPI

extension PostGISLedger: SelfReportLedger {
    /// Marks the pending self-report `id` accepted as submission `uuid`, in the session's transaction.
    func markSelfReportAccepted(_ id: Int64, uuid: String) throws -> Bool {
        try changed(
            """
            UPDATE self_report SET status = 'accepted', content = '{}', submission_uuid = \(uuid),
                   reviewed_at = \(unescaped: PostGISSchema.now)
            WHERE id = \(id) AND status = 'pending'
            """) == 1
    }
}
