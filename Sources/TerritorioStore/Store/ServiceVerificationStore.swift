import Foundation
import GRDB
import TerritorioCore
import TerritorioIO

extension Store {
    /// Records a check of service `serviceID` by `account` and audits it, in one transaction. A
    /// check that confirms the entry marks the service verified (a change kept in its history).
    public func recordVerification(
        serviceID: String, method: ServiceVerification.Method, outcome: ServiceVerification.Outcome,
        note: String?, by account: AccountRecord, at date: Date = Date()
    ) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO service_verification (service_id, account_id, at, method, outcome, note)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    serviceID, account.id, ISO8601DateFormatter().string(from: date), method.rawValue,
                    outcome.rawValue, note
                ])
            if outcome == .confirmed, var service = try Self.fetchServices(db).first(where: { $0.id == serviceID }),
                !service.verified
            {
                service.verified = true
                _ = try Self.upsertServices(db, [service], source: "web app: \(account.name)")
            }
            try Self.audit(
                db, account: account.id, action: "service.verify",
                object: "service \(serviceID) (\(method.rawValue), \(outcome.rawValue))")
        }
    }

    /// The checks of service `serviceID`, newest first.
    public func verifications(of serviceID: String) throws -> [ServiceVerification] {
        try read { db in
            try Row.fetchAll(
                db, sql: Self.verificationQuery + " WHERE v.service_id = ? ORDER BY v.at DESC, v.id DESC",
                arguments: [serviceID]
            ).compactMap(Self.verification)
        }
    }

    /// The newest check of each service that has one, by service id.
    public func lastVerifications() throws -> [String: ServiceVerification] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: Self.verificationQuery
                    + """
                     WHERE v.id = (SELECT w.id FROM service_verification w WHERE w.service_id = v.service_id
                                   ORDER BY w.at DESC, w.id DESC LIMIT 1)
                    """)
            return Dictionary(rows.compactMap(Self.verification).map { ($0.serviceID, $0) }) { a, _ in a }
        }
    }

    package static let verificationQuery = """
        SELECT v.service_id, a.name, v.at, v.method, v.outcome, v.note
        FROM service_verification v LEFT JOIN account a ON a.id = v.account_id
        """

    package static func verification(_ row: Row) -> ServiceVerification? {
        guard let method = ServiceVerification.Method(rawValue: row[3]),
            let outcome = ServiceVerification.Outcome(rawValue: row[4]),
            let at = ISO8601DateFormatter().date(from: row[2])
        else { return nil }
        return ServiceVerification(
            serviceID: row[0], account: row[1], at: at, method: method, outcome: outcome, note: row[5])
    }
}
