import Foundation
import GRDB

/// Everything the gap analysis reads from the store, loaded once.
public struct GapInputs: Sendable {
    public struct Municipality: Sendable {
        public var code: String
        public var name: String
        public var population: Int
        public var populationYear: Int?
        public var point: Coordinate
        public var boundaryApproximate: Bool
    }

    /// One user response: what the person needs, what stops them, which languages they speak.
    public struct Response: Sendable {
        public var needs: Set<String>
        public var barriers: Set<String>
        public var languages: Set<String>
    }

    public struct Caseload: Sendable, Equatable {
        public var requests = 0
        public var unmet = 0
    }

    public var municipalities: [Municipality]
    public var categories: [Category]
    public var services: [Service]
    /// User responses per municipality code.
    public var responses: [String: [Response]]
    /// Operator caseloads per municipality and category: the latest period of each organisation, summed.
    public var caseloads: [String: [String: Caseload]]
    /// Municipalities with at least one operator submission (their missing categories are 0 requests).
    public var operatorCovered: Set<String>
    /// Cost matrix (municipality code → service id → cost), when given instead of distances.
    public var costs: [String: [String: Double]]?
    /// The newest submission date and the data's sources, for the report's metadata.
    public var latestSubmission: String?
    public var sources: [String]

    /// Reads the consortium's municipalities, the taxonomy, the services and the submissions.
    public static func load(from store: Store, costsFile: String? = nil) throws -> GapInputs {
        let costs = try costsFile.map(readCosts)
        return try store.read { db in
            let municipalities = try Row.fetchAll(db, sql: """
                SELECT code, name, ifnull(population, 0), population_year, X(rep_point), Y(rep_point), boundary_approximate
                FROM municipality WHERE in_consortium = 1 ORDER BY code
                """).map {
                    Municipality(code: $0[0], name: $0[1], population: $0[2], populationYear: $0[3],
                                 point: Coordinate(lon: $0[4], lat: $0[5]), boundaryApproximate: $0[6])
                }
            var responses: [String: [Response]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.municipality_code, s.barriers, s.languages,
                       (SELECT group_concat(category_code, ' ') FROM need_report n WHERE n.submission_uuid = s.uuid)
                FROM submission s WHERE s.form = 'user'
                """)
            func set(_ text: String?) -> Set<String> { Set((text ?? "").split(separator: " ").map(String.init)) }
            while let row = try rows.next() {
                responses[row[0], default: []].append(Response(needs: set(row[3]), barriers: set(row[1]), languages: set(row[2])))
            }
            // Latest period per organisation and municipality.
            var latest: [String: (end: String, submitted: String, uuid: String, municipality: String)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT organization, municipality_code, ifnull(period_end, ''), ifnull(submitted_at, ''), uuid
                FROM submission WHERE form = 'operator'
                """) {
                let key = "\(row[0] as String? ?? "")\u{0}\(row[1] as String)"
                let candidate = (end: row[2] as String, submitted: row[3] as String, uuid: row[4] as String, municipality: row[1] as String)
                if let current = latest[key], (current.end, current.submitted, current.uuid) >= (candidate.end, candidate.submitted, candidate.uuid) { continue }
                latest[key] = candidate
            }
            var caseloads: [String: [String: Caseload]] = [:]
            let needs = try db.makeStatement(sql: "SELECT category_code, ifnull(requests, 0), ifnull(unmet, 0) FROM need_report WHERE submission_uuid = ?")
            for entry in latest.values {
                for row in try Row.fetchAll(needs, arguments: [entry.uuid]) {
                    caseloads[entry.municipality, default: [:]][row[0], default: Caseload()].requests += row[1]
                    caseloads[entry.municipality, default: [:]][row[0], default: Caseload()].unmet += row[2]
                }
            }
            let sources = try String.fetchAll(db, sql: "SELECT DISTINCT kind || ': ' || source || ' (' || substr(imported_at, 1, 10) || ')' FROM import_log ORDER BY id")
                + String.fetchAll(db, sql: "SELECT 'survey ' || form || ': ' || file || ' (' || substr(ingested_at, 1, 10) || ')' FROM batch ORDER BY id")
            return GapInputs(
                municipalities: municipalities,
                categories: try Store.fetchCategories(db),
                services: try Store.fetchServices(db),
                responses: responses,
                caseloads: caseloads,
                operatorCovered: Set(latest.values.map(\.municipality)),
                costs: costs,
                latestSubmission: try String.fetchOne(db, sql: "SELECT max(substr(submitted_at, 1, 10)) FROM submission"),
                sources: sources)
        }
    }

    /// A cost matrix CSV: `origin` (ISTAT code), `destination` (service id), `cost`.
    static func readCosts(_ path: String) throws -> [String: [String: Double]] {
        let table = try CSVStream.table(path: path)
        let o = try table.requireColumn("origin", option: "the header"), d = try table.requireColumn("destination", option: "the header")
        let c = try table.requireColumn("cost", option: "the header")
        var costs: [String: [String: Double]] = [:]
        var problems: [InputProblem] = []
        for (i, r) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            guard let (code, _) = IstatCode.parseLenient(CSVStream.Table.field(r, o)) else {
                problems.append(InputProblem(.row(row), field: "origin", "expected a 6-digit ISTAT code")); continue
            }
            guard let cost = ServiceCheck.number(CSVStream.Table.field(r, c)), cost >= 0, cost.isFinite else {
                problems.append(InputProblem(.row(row), field: "cost", "expected a number of 0 or more")); continue
            }
            costs[code, default: [:]][CSVStream.Table.field(r, d)] = cost
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return costs
    }
}
