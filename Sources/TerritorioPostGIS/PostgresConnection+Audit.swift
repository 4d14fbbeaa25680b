import PostgresNIO

extension PostgresConnection {
    /// Records one write in the audit log, inside the caller's transaction (never respondent data).
    func audit(_ account: Int64?, _ action: String, _ object: String) async throws {
        try await run("INSERT INTO audit_log (account_id, action, object) VALUES (\(account), \(action), \(object))")
    }
}
