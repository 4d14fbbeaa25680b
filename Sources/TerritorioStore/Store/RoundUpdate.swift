import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// Adds a round; refuses a name already used or dates shared with another round.
    public func addRound(_ round: SurveyRound) throws {
        try write { db in
            let existing = try Self.fetchRounds(db)
            if existing.contains(where: { $0.name == round.name }) { throw RoundError.exists(round.name) }
            if let other = existing.first(where: { $0.overlaps(round) }) {
                throw RoundError.overlaps(name: round.name, other: other.name)
            }
            try db.execute(
                sql: "INSERT INTO survey_round (name, start_date, end_date, note) VALUES (?, ?, ?, ?)",
                arguments: [round.name, round.start, round.end, round.note])
        }
    }

    /// The rounds, oldest first.
    public func rounds() throws -> [SurveyRound] {
        try read { try Self.fetchRounds($0) }
    }

    static func fetchRounds(_ db: Database) throws -> [SurveyRound] {
        try Row.fetchAll(db, sql: "SELECT name, start_date, end_date, note FROM survey_round ORDER BY start_date")
            .map { SurveyRound(name: $0[0], start: $0[1], end: $0[2], note: $0[3]) }
    }

    /// The round named `name`.
    public func round(named name: String) throws -> SurveyRound {
        let all = try rounds()
        guard let round = all.first(where: { $0.name == name }) else {
            throw RoundError.unknown(name, known: all.map(\.name))
        }
        return round
    }

    /// Puts the batch `batch` in the round `round` (whatever its submissions' dates).
    public func assignBatch(_ batch: Int64, to round: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE batch SET round_name = ? WHERE id = ?", arguments: [round, batch])
        }
    }

    /// Submissions per round (by the batch's round, else by date), and those in none.
    public func roundCounts() throws -> (perRound: [String: Int], outside: Int) {
        try read { db in
            var counts: [String: Int] = [:]
            var outside = 0
            for row in try Row.fetchAll(
                db,
                sql: "SELECT \(Self.roundOfSubmission) AS r, count(*) FROM submission s GROUP BY r")
            {
                if let name: String = row[0] { counts[name] = row[1] } else { outside = row[1] }
            }
            return (counts, outside)
        }
    }

    /// SQL: the round of submission `s` (the batch's round, else the round holding its date).
    static let roundOfSubmission = """
        coalesce((SELECT b.round_name FROM batch b WHERE b.id = s.batch_id),
                 (SELECT r.name FROM survey_round r
                  WHERE substr(s.submitted_at, 1, 10) BETWEEN r.start_date AND r.end_date))
        """
}
