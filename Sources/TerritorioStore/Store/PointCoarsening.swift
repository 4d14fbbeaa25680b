import Foundation
import GRDB
import TerritorioCore
import TerritorioIO

/// Coarsens respondent points stored before exact points stopped being kept: each stored
/// submission point, and the points inside archived versions, becomes the centre of its grid
/// cell (``LocationPrivacy``), and the submission's content hash is recomputed so that
/// re-ingesting the same export still finds its rows unchanged.
enum PointCoarsening {
    static func run(_ db: Database, privacy: LocationPrivacy) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT uuid FROM submission WHERE geom IS NOT NULL")
        for row in rows {
            let uuid: String = row[0]
            guard var submission = try stored(db, uuid: uuid) else { continue }
            submission.location = submission.location.flatMap(privacy.coarsen)
            try db.execute(
                sql: """
                    UPDATE submission SET content_hash = ?1,
                           geom = CASE WHEN ?2 IS NULL THEN NULL ELSE MakePoint(?2, ?3, 4326) END
                    WHERE uuid = ?4
                    """, arguments: [submission.contentHash, submission.location?.lon, submission.location?.lat, uuid])
        }
        try coarsenArchive(db, privacy: privacy)
    }

    /// A stored submission, rebuilt as ingestion made it (needs and barriers sorted).
    static func stored(_ db: Database, uuid: String) throws -> Submission? {
        guard
            let r = try Row.fetchOne(
                db,
                sql: """
                    SELECT form, municipality_code, X(geom), Y(geom), submitted_at, urgency, barriers, languages,
                           household_size, age_group, organization, period_start, period_end
                    FROM submission WHERE uuid = ?
                    """, arguments: [uuid]), let form = SurveyForm.Kind(rawValue: r[0])
        else { return nil }
        var s = Submission(uuid: uuid, form: form, municipality: r[1])
        if let lon: Double = r[2], let lat: Double = r[3] { s.location = Coordinate(lon: lon, lat: lat) }
        s.submittedAt = r[4]
        s.urgency = r[5]
        s.barriers = (r[6] as String).split(separator: " ").map(String.init)
        s.languages = (r[7] as String).split(separator: " ").map(String.init)
        s.householdSize = r[8]
        s.ageGroup = r[9]
        s.organization = r[10]
        s.periodStart = r[11]
        s.periodEnd = r[12]
        let needs = try Row.fetchAll(
            db,
            sql: """
                SELECT category_code, requests, unmet FROM need_report WHERE submission_uuid = ? ORDER BY category_code
                """, arguments: [uuid])
        if form == .user {
            s.needs = needs.map { $0[0] }
        } else {
            for n in needs { s.caseload[n[0]] = Submission.Caseload(requests: n[1], unmet: n[2]) }
        }
        return s
    }

    /// Archived versions hold their point as `lon`/`lat` (a stored row) or `location` (an
    /// incoming submission).
    static func coarsenArchive(_ db: Database, privacy: LocationPrivacy) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, content FROM submission_archive") {
            let content: String = row[1]
            let parsed = try? JSONSerialization.jsonObject(with: Data(content.utf8))
            guard var object = parsed as? [String: Any] else { continue }
            var changed = false
            if let lon = object["lon"] as? Double, let lat = object["lat"] as? Double {
                let c = privacy.coarsen(Coordinate(lon: lon, lat: lat))
                object["lon"] = c?.lon ?? NSNull()
                object["lat"] = c?.lat ?? NSNull()
                changed = true
            }
            if let location = object["location"] as? [String: Any], let x = location["x"] as? Double,
                let y = location["y"] as? Double
            {
                let c = privacy.coarsen(Coordinate(lon: x, lat: y))
                object["location"] = c.map { ["x": $0.x, "y": $0.y] } ?? NSNull()
                changed = true
            }
            guard changed else { continue }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try db.execute(
                sql: "UPDATE submission_archive SET content = ? WHERE id = ?",
                arguments: [String(decoding: data, as: UTF8.self), row[0] as Int64])
        }
    }
}
