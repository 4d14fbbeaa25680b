import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioStoreAPI

/// The checks of the service directory's entries on PostGIS: who, when, how, what was found.
extension PostGISStore {
    public func recordVerification(
        serviceID: String, method: ServiceVerification.Method, outcome: ServiceVerification.Outcome,
        note: String?, by account: AccountRecord, at date: Date = Date()
    ) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO service_verification (service_id, account_id, at, method, outcome, note)
                VALUES (\(serviceID), \(account.id), \(ISO8601DateFormatter().string(from: date)), \(method.rawValue),
                        \(outcome.rawValue), \(note))
                """)
            if outcome == .confirmed,
                var service = try await Self.fetchServices(db).first(where: { $0.id == serviceID }),
                !service.verified
            {
                service.verified = true
                _ = try await Self.upsertServices([service], on: db, source: "web app: \(account.name)")
            }
            try await db.audit(
                account.id, "service.verify", "service \(serviceID) (\(method.rawValue), \(outcome.rawValue))")
        }
    }

    public func verifications(of serviceID: String) async throws -> [ServiceVerification] {
        try await read { db in
            try await db.rows(
                "\(unescaped: Self.verificationQuery) WHERE v.service_id = \(serviceID) ORDER BY v.at DESC, v.id DESC"
            ).compactMap(Self.verification)
        }
    }

    public func lastVerifications() async throws -> [String: ServiceVerification] {
        let rows = try await read { db in
            try await db.rows(
                """
                \(unescaped: Self.verificationQuery)
                WHERE v.id = (SELECT w.id FROM service_verification w WHERE w.service_id = v.service_id
                              ORDER BY w.at DESC, w.id DESC LIMIT 1)
                """
            ).compactMap(Self.verification)
        }
        return Dictionary(rows.map { ($0.serviceID, $0) }) { a, _ in a }
    }

    static let verificationQuery = """
        SELECT v.service_id, a.name, v.at, v.method, v.outcome, v.note
        FROM service_verification v LEFT JOIN account a ON a.id = v.account_id
        """

    static func verification(_ row: PostgresRandomAccessRow) throws -> ServiceVerification? {
        guard let method = ServiceVerification.Method(rawValue: try row[3].decode(String.self)),
            let outcome = ServiceVerification.Outcome(rawValue: try row[4].decode(String.self)),
            let at = ISO8601DateFormatter().date(from: try row[2].decode(String.self))
        else { return nil }
        return ServiceVerification(
            serviceID: try row[0].decode(String.self), account: try row[1].decode(String?.self), at: at,
            method: method, outcome: outcome, note: try row[5].decode(String?.self))
    }
}
