import PostgresNIO
import TerritorioStoreAPI

extension PostGISStore: RoundCountStore {
    /// Submissions per round (by the batch's round, else the round holding the date), and those in none.
    package func roundCounts() async throws -> (perRound: [String: Int], outside: Int) {
        try await read { db in
            var counts: [String: Int] = [:]
            var outside = 0
            for row in try await db.rows(
                """
                SELECT coalesce((SELECT b.round_name FROM batch b WHERE b.id = s.batch_id),
                                (SELECT r.name FROM survey_round r
                                 WHERE substr(s.submitted_at, 1, 10) BETWEEN r.start_date AND r.end_date)) AS r,
                       count(*)::int
                FROM submission s GROUP BY r
                """)
            {
                let n = try row[1].decode(Int.self)
                if let name = try row[0].decode(String?.self) { counts[name] = n } else { outside = n }
            }
            return (counts, outside)
        }
    }
}
