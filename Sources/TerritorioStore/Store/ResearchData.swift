import GRDB
import TerritorioIO

extension Store {
    /// Need reports counted per place × category × role × period. Users: per zone (the
    /// municipality where it has none) and quarter of submission (`2026-Q4`), as the anonymised
    /// submissions export publishes them; operators: per municipality and reporting period.
    package func needCells() throws -> [ResearchExport.NeedCell] {
        try read { db in
            let users = try Row.fetchAll(
                db,
                sql: """
                    SELECT ifnull(m.zone, s.municipality_code), n.category_code,
                           substr(s.submitted_at, 1, 4) || '-Q' || ((CAST(substr(s.submitted_at, 6, 2) AS INTEGER) + 2) / 3),
                           count(*)
                    FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
                    LEFT JOIN municipality m ON m.code = s.municipality_code
                    WHERE s.form = 'user' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    """
            ).map {
                ResearchExport.NeedCell(
                    key: [$0[0], $0[1], "user", ($0[2] as String?) ?? "unknown"], count: $0[3], unmet: nil)
            }
            let operators = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.municipality_code, n.category_code, ifnull(substr(s.period_start, 1, 7), '') || '/' || ifnull(substr(s.period_end, 1, 7), ''),
                           total(n.requests), total(n.unmet)
                    FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
                    WHERE s.form = 'operator' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    """
            ).map {
                ResearchExport.NeedCell(
                    key: [$0[0], $0[1], "operator", $0[2]], count: Int($0[3] as Double), unmet: Int($0[4] as Double))
            }
            return users + operators
        }
    }

    /// Every submission with its need reports, as the anonymised export starts from.
    package func researchSubmissions() throws -> [ResearchExport.StoredSubmission] {
        try read { db in
            var byUUID: [String: ResearchExport.StoredSubmission] = [:]
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT uuid, form, municipality_code, substr(submitted_at, 1, 7), urgency, barriers, languages,
                           household_size, age_group, substr(period_start, 1, 7), substr(period_end, 1, 7)
                    FROM submission
                    """)
            {
                byUUID[r[0]] = ResearchExport.StoredSubmission(
                    form: r[1], code: r[2], month: r[3], urgency: r[4], barriers: r[5],
                    languages: r[6], householdSize: r[7], ageGroup: r[8], periodStart: r[9],
                    periodEnd: r[10])
            }
            let reports = "SELECT submission_uuid, category_code, requests, unmet FROM need_report ORDER BY 2"
            for r in try Row.fetchAll(db, sql: reports) {
                let category: String = r[1]
                byUUID[r[0]]?.needs.append(category)
                byUUID[r[0]]?.requests[category] = r[2] as Int?
                byUUID[r[0]]?.unmet[category] = r[3] as Int?
            }
            return byUUID.sorted { $0.key < $1.key }.map(\.value)  // a stable order: the same data, the same groups
        }
    }
}
