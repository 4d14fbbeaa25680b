import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension PostGISStore: RoundStore {
    /// The rounds, oldest first.
    public func rounds() async throws -> [SurveyRound] {
        try await read { try await Self.fetchRounds($0) }
    }

    static func fetchRounds(_ db: PostgresConnection) async throws -> [SurveyRound] {
        try await db.rows("SELECT name, start_date, end_date, note FROM survey_round ORDER BY start_date").map {
            SurveyRound(
                name: try $0[0].decode(String.self), start: try $0[1].decode(String.self),
                end: try $0[2].decode(String.self), note: try $0[3].decode(String?.self))
        }
    }

    /// Adds a round; refuses a name already used or dates shared with another round. Two
    /// clients adding overlapping rounds at once: the table lock makes the second see the first.
    public func addRound(_ round: SurveyRound) async throws {
        try await write { db in
            try await db.run("LOCK TABLE survey_round IN SHARE ROW EXCLUSIVE MODE")
            let existing = try await Self.fetchRounds(db)
            if existing.contains(where: { $0.name == round.name }) { throw RoundError.exists(round.name) }
            if let other = existing.first(where: { $0.overlaps(round) }) {
                throw RoundError.overlaps(name: round.name, other: other.name)
            }
            try await db.run(
                """
                INSERT INTO survey_round (name, start_date, end_date, note)
                VALUES (\(round.name), \(round.start), \(round.end), \(round.note))
                """)
        }
    }

    /// Puts the batch `batch` in the round `round` (whatever its submissions' dates).
    public func assignBatch(_ batch: Int64, to round: String) async throws {
        try await write { db in try await db.run("UPDATE batch SET round_name = \(round) WHERE id = \(batch)") }
    }

    /// The directory's recorded changes taking effect after `date` (every one when nil), oldest first.
    public func serviceHistory(after date: String?) async throws -> [ServiceChange] {
        try await read { db in
            try await db.rows(
                """
                SELECT service_id, change, fields, before, after, effective_date, recorded_at, source
                FROM service_history WHERE effective_date > \(date ?? "") ORDER BY effective_date, id
                """
            ).map { row in
                func service(_ json: String?) -> Service? {
                    guard let json, let fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
                    else { return nil }
                    return Service(fields: fields)
                }
                return ServiceChange(
                    serviceID: try row[0].decode(String.self),
                    kind: ServiceChange.Kind(rawValue: try row[1].decode(String.self)) ?? .updated,
                    fields: try row[2].decode(String.self).split(separator: ";").map(String.init),
                    before: service(try row[3].decode(String?.self)), after: service(try row[4].decode(String?.self)),
                    effectiveDate: try row[5].decode(String.self), recordedAt: try row[6].decode(String.self),
                    source: try row[7].decode(String.self))
            }
        }
    }

    /// Records `change` in `service_history`, inside the caller's transaction.
    static func record(_ change: ServiceChange, on db: PostgresConnection) async throws {
        func json(_ s: Service?) throws -> String? {
            guard let s else { return nil }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(s.fields), as: UTF8.self)
        }
        try await db.run(
            """
            INSERT INTO service_history (service_id, change, fields, before, after, effective_date, source)
            VALUES (\(change.serviceID), \(change.kind.rawValue), \(change.fields.joined(separator: ";")),
                    \(try json(change.before)), \(try json(change.after)), \(change.effectiveDate), \(change.source))
            """)
    }

    /// Every session, by id, with the time it was last stored.
    public func sessions() async throws -> [(session: Session, updatedAt: String)] {
        try await read { db in
            try await db.rows("SELECT content, updated_at FROM session ORDER BY id").map { row in
                let content = try row[0].decode(String.self)
                return (
                    try JSONDecoder().decode(Session.self, from: Data(content.utf8)), try row[1].decode(String.self)
                )
            }
        }
    }

    /// Adds or updates sessions by id, all or nothing; identical ones are left alone.
    public func importSessions(_ sessions: [Session], source: String) async throws -> ServiceImportReport {
        let stored = Dictionary(uniqueKeysWithValues: try await self.sessions().map { ($0.session.id, $0.session) })
        return try await write { db in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var report = ServiceImportReport()
            for s in sessions {
                guard report.file(s.id, old: stored[s.id], new: s) else { continue }
                let content = String(decoding: try encoder.encode(s), as: UTF8.self)
                try await db.run(
                    """
                    INSERT INTO session (id, content, source) VALUES (\(s.id), \(content), \(source))
                    ON CONFLICT (id) DO UPDATE SET content = excluded.content, source = excluded.source,
                        updated_at = \(unescaped: PostGISSchema.now)
                    """)
            }
            try await db.logImport(
                kind: "sessions", source: source, added: report.added.count,
                updated: report.updated.count, unchanged: report.unchanged.count, note: nil)
            return report
        }
    }
}
