import Foundation
import GRDB
import TerritorioCore

extension Store {
    /// Everything the gap analysis reads, in one read transaction (one consistent snapshot).
    public func gapInputs(costs: [String: [String: Double]]? = nil) throws -> GapInputs {
        try gapInputs(costs: costs, rounds: nil)
    }

    /// The same, with only the submissions of the survey rounds `rounds` (every one when nil).
    public func gapInputs(costs: [String: [String: Double]]?, rounds: [String]?) throws -> GapInputs {
        let inRounds =
            rounds.map { names in
                "AND \(Self.roundOfSubmission) IN (SELECT value FROM json_each('\(Self.jsonList(names))'))"
            } ?? ""
        return try read { db in
            let municipalities = try Row.fetchAll(
                db,
                sql: """
                    SELECT code, name, ifnull(population, 0), population_year, X(rep_point), Y(rep_point),
                           boundary_approximate, zone
                    FROM municipality WHERE in_consortium = 1 ORDER BY code
                    """
            ).map {
                GapInputs.Municipality(
                    code: $0[0], name: $0[1], population: $0[2], populationYear: $0[3],
                    point: Coordinate(lon: $0[4], lat: $0[5]), boundaryApproximate: $0[6],
                    zone: $0[7])
            }
            var responses: [String: [GapInputs.Response]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.municipality_code, s.barriers, s.languages,
                           (SELECT group_concat(category_code, ' ') FROM need_report n WHERE n.submission_uuid = s.uuid)
                    FROM submission s WHERE s.form = 'user' \(inRounds)
                    """)
            func set(_ text: String?) -> Set<String> { Set((text ?? "").split(separator: " ").map(String.init)) }
            while let row = try rows.next() {
                responses[row[0], default: []].append(
                    GapInputs.Response(needs: set(row[3]), barriers: set(row[1]), languages: set(row[2])))
            }
            // Latest period per organisation and municipality.
            let latest = GapInputs.latestPeriods(
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT organization, municipality_code, ifnull(period_end, ''), ifnull(submitted_at, ''), uuid
                        FROM submission s WHERE form = 'operator' \(inRounds)
                        """
                ).map {
                    GapInputs.OperatorPeriod(
                        organization: $0[0], municipality: $0[1], end: $0[2], submitted: $0[3], uuid: $0[4])
                })
            var caseloads: [String: [String: GapInputs.Caseload]] = [:]
            let needs = try db.makeStatement(
                sql:
                    "SELECT category_code, ifnull(requests, 0), ifnull(unmet, 0) FROM need_report WHERE submission_uuid = ?"
            )
            for entry in latest {
                for row in try Row.fetchAll(needs, arguments: [entry.uuid]) {
                    caseloads[entry.municipality, default: [:]][row[0], default: GapInputs.Caseload()].requests +=
                        row[1]
                    caseloads[entry.municipality, default: [:]][row[0], default: GapInputs.Caseload()].unmet += row[2]
                }
            }
            let sources =
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT kind || ': ' || source || ' (' || substr(imported_at, 1, 10) || ')' FROM import_log ORDER BY id"
                )
                + String.fetchAll(
                    db,
                    sql:
                        "SELECT 'survey ' || form || ': ' || file || ' (' || substr(ingested_at, 1, 10) || ')' FROM batch ORDER BY id"
                )
            return GapInputs(
                municipalities: municipalities,
                categories: try Self.fetchCategories(db),
                services: try Self.fetchServices(db),
                responses: responses,
                caseloads: caseloads,
                operatorCovered: Set(latest.map(\.municipality)),
                costs: costs,
                latestSubmission: try String.fetchOne(
                    db,
                    sql: "SELECT max(substr(submitted_at, 1, 10)) FROM submission s WHERE 1 \(inRounds)"),
                sources: sources)
        }
    }

    /// A JSON array of `names`, quoted for use inside an SQL string literal.
    static func jsonList(_ names: [String]) -> String {
        let json = String(decoding: (try? JSONEncoder().encode(names)) ?? Data("[]".utf8), as: UTF8.self)
        return json.replacingOccurrences(of: "'", with: "''")
    }
}
