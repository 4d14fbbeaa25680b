import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// Adds or updates (by id) `sessions`, in one transaction; identical ones are left alone.
    @discardableResult
    public func importSessions(_ sessions: [Session], source: String) throws -> ServiceImportReport {
        try write { db in
            let stored = Dictionary(
                uniqueKeysWithValues: try Self.fetchSessions(db).map {
                    (
                        $0.session.id,
                        $0.session
                    )
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var report = ServiceImportReport()
            for s in sessions {
                guard report.file(s.id, old: stored[s.id], new: s) else { continue }
                try db.execute(
                    sql: """
                        INSERT INTO session (id, content, source) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET content = excluded.content, source = excluded.source,
                            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                        """, arguments: [s.id, String(decoding: try encoder.encode(s), as: UTF8.self), source])
            }
            try ImportLog.record(
                db, kind: "sessions", source: source, added: report.added.count,
                updated: report.updated.count, unchanged: report.unchanged.count, note: nil)
            return report
        }
    }

    /// Every session, by id, with the time it was last stored (ISO 8601, UTC).
    public func sessions() throws -> [(session: Session, updatedAt: String)] {
        try read { try Self.fetchSessions($0) }
    }

    static func fetchSessions(_ db: Database) throws -> [(session: Session, updatedAt: String)] {
        try Row.fetchAll(db, sql: "SELECT content, updated_at FROM session ORDER BY id").map { row in
            let content: String = row[0]
            return (try JSONDecoder().decode(Session.self, from: Data(content.utf8)), row[1])
        }
    }
}
