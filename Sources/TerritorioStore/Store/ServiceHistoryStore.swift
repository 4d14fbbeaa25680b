import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// The directory's recorded changes, oldest first; with `after`, those taking effect after that day.
    public func serviceHistory(after date: String? = nil) throws -> [ServiceChange] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT service_id, change, fields, before, after, effective_date, recorded_at, source
                    FROM service_history WHERE effective_date > ? ORDER BY effective_date, id
                    """, arguments: [date ?? ""]
            ).map { row in
                func service(_ json: String?) -> Service? {
                    guard let json, let fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
                    else { return nil }
                    return Service(fields: fields)
                }
                let fields: String = row[2]
                return ServiceChange(
                    serviceID: row[0], kind: ServiceChange.Kind(rawValue: row[1]) ?? .updated,
                    fields: fields.split(separator: ";").map(String.init),
                    before: service(row[3]), after: service(row[4]), effectiveDate: row[5],
                    recordedAt: row[6], source: row[7])
            }
        }
    }

    /// Records `change` in `service_history`.
    static func recordChange(_ db: Database, _ change: ServiceChange) throws {
        func json(_ s: Service?) throws -> String? {
            guard let s else { return nil }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(s.fields), as: UTF8.self)
        }
        try db.execute(
            sql: """
                INSERT INTO service_history (service_id, change, fields, before, after, effective_date, source)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                change.serviceID, change.kind.rawValue, change.fields.joined(separator: ";"),
                try json(change.before), try json(change.after), change.effectiveDate, change.source
            ])
    }

    /// The day a change from `old` to `new` takes effect: the record's `last_updated` when the file
    /// gives a newer one than before, else the day of the import.
    static func effectiveDate(old: Service?, new: Service?) -> String {
        ServiceChange.effectiveDate(old: old, new: new)
    }

    /// Closes the services `ids` (removes them from the directory, keeping them in the history), on `date`.
    @discardableResult
    public func closeServices(_ ids: [String], source: String, date: String? = nil) throws -> [String] {
        try write { db in
            let stored = Dictionary(uniqueKeysWithValues: try Self.fetchServices(db).map { ($0.id, $0) })
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            var closed: [String] = []
            for id in ids {
                guard let old = stored[id],
                    let change = ServiceChange.between(
                        old, nil, effective: date ?? today,
                        source: source)
                else { continue }
                try Self.recordChange(db, change)
                try db.execute(sql: "DELETE FROM service WHERE id = ?", arguments: [id])
                closed.append(id)
            }
            if !closed.isEmpty {
                try ImportLog.record(
                    db, kind: "services-closed", source: source, added: 0, updated: closed.count,
                    unchanged: 0, note: closed.joined(separator: ", "))
            }
            return closed
        }
    }
}
