import GRDB
import TerritorioStoreAPI

extension SpatiaLiteLedger: SelfReportLedger {
    /// Marks the pending self-report `id` accepted as submission `uuid`, in the session's transaction.
    package func markSelfReportAccepted(_ id: Int64, uuid: String) throws -> Bool {
        try database.execute(
            sql: """
                UPDATE self_report SET status = 'accepted', content = '{}', submission_uuid = ?,
                       reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                WHERE id = ? AND status = 'pending'
                """, arguments: [uuid, id])
        return database.changesCount == 1
    }
}
