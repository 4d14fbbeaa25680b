import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension PostGISStore: ExportStore {
    // municipalityNames() is in PostGISStore+ServiceEdits.swift (the web app's ServiceEditStore needs it too).

    /// The zone of each consortium member that has one, by ISTAT code.
    package func zones() async throws -> [String: String] {
        try await read { db in
            var out: [String: String] = [:]
            for row in try await db.rows("SELECT code, zone FROM municipality WHERE in_consortium AND zone IS NOT NULL")
            {
                out[try row[0].decode(String.self)] = try row[1].decode(String.self)
            }
            return out
        }
    }

    /// Need reports counted per place × category × role × period: users per zone (else
    /// municipality) and quarter, operators per municipality and reporting period, in the
    /// SpatiaLite store's order (byte order, `COLLATE "C"`).
    package func needCells() async throws -> [ResearchExport.NeedCell] {
        try await read { db in
            let users = try await db.rows(
                """
                SELECT coalesce(m.zone, s.municipality_code) COLLATE "C", n.category_code COLLATE "C",
                       (substr(s.submitted_at, 1, 4) || '-Q'
                        || ((nullif(substr(s.submitted_at, 6, 2), '')::int + 2) / 3)) COLLATE "C",
                       count(*)::int
                FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
                LEFT JOIN municipality m ON m.code = s.municipality_code
                WHERE s.form = 'user' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS FIRST
                """
            ).map { row in
                ResearchExport.NeedCell(
                    key: [
                        try row[0].decode(String.self), try row[1].decode(String.self), "user",
                        try row[2].decode(String?.self) ?? "unknown"
                    ], count: try row[3].decode(Int.self), unmet: nil)
            }
            return users + (try await Self.operatorCells(db))
        }
    }

    static func operatorCells(_ db: PostgresConnection) async throws -> [ResearchExport.NeedCell] {
        try await db.rows(
            """
            SELECT s.municipality_code COLLATE "C", n.category_code COLLATE "C",
                   (coalesce(substr(s.period_start, 1, 7), '') || '/' || coalesce(substr(s.period_end, 1, 7), ''))
                       COLLATE "C",
                   coalesce(sum(n.requests), 0)::float8, coalesce(sum(n.unmet), 0)::float8
            FROM submission s JOIN need_report n ON n.submission_uuid = s.uuid
            WHERE s.form = 'operator' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """
        ).map { row in
            ResearchExport.NeedCell(
                key: [
                    try row[0].decode(String.self), try row[1].decode(String.self), "operator",
                    try row[2].decode(String.self)
                ], count: Int(try row[3].decode(Double.self)), unmet: Int(try row[4].decode(Double.self)))
        }
    }

    /// Every submission with its need reports, by key.
    package func researchSubmissions() async throws -> [ResearchExport.StoredSubmission] {
        try await read { db in
            var byUUID: [String: ResearchExport.StoredSubmission] = [:]
            for r in try await db.rows(
                """
                SELECT uuid, form, municipality_code, substr(submitted_at, 1, 7), urgency, barriers, languages,
                       household_size, age_group, substr(period_start, 1, 7), substr(period_end, 1, 7)
                FROM submission
                """)
            {
                func text(_ i: Int) throws -> String? { try r[i].decode(String?.self) }
                byUUID[try r[0].decode(String.self)] = ResearchExport.StoredSubmission(
                    form: try r[1].decode(String.self), code: try r[2].decode(String.self), month: try text(3),
                    urgency: try text(4), barriers: try r[5].decode(String.self),
                    languages: try r[6].decode(String.self),
                    householdSize: try r[7].decode(Int?.self), ageGroup: try text(8), periodStart: try text(9),
                    periodEnd: try text(10))
            }
            let reports = """
                SELECT submission_uuid, category_code, requests, unmet FROM need_report
                ORDER BY category_code COLLATE "C", submission_uuid COLLATE "C"
                """
            for r in try await db.rows(PostgresQuery(unsafeSQL: reports)) {
                let uuid = try r[0].decode(String.self)
                let category = try r[1].decode(String.self)
                byUUID[uuid]?.needs.append(category)
                byUUID[uuid]?.requests[category] = try r[2].decode(Int?.self)
                byUUID[uuid]?.unmet[category] = try r[3].decode(Int?.self)
            }
            return byUUID.sorted { $0.key < $1.key }.map(\.value)
        }
    }
}
