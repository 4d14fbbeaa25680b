import Foundation

/// Everything the gap analysis reads from the store, loaded once.
public struct GapInputs: Sendable {
    public struct Municipality: Sendable {
        public var code: String
        public var name: String
        public var population: Int
        public var populationYear: Int?
        public var point: Coordinate
        public var boundaryApproximate: Bool
        /// The consortium's zone (valley or district), the unit of the anonymised researcher
        /// export: disclosure control also protects zone totals (``GapReport``).
        public var zone: String? = nil

        /// Every stored property, as given (backends in other modules build this value too).
        public init(
            code: String, name: String, population: Int, populationYear: Int? = nil, point: Coordinate,
            boundaryApproximate: Bool, zone: String? = nil
        ) {
            self.code = code
            self.name = name
            self.population = population
            self.populationYear = populationYear
            self.point = point
            self.boundaryApproximate = boundaryApproximate
            self.zone = zone
        }
    }

    /// One user response: what the person needs, what stops them, which languages they speak.
    public struct Response: Sendable {
        public var needs: Set<String>
        public var barriers: Set<String>
        public var languages: Set<String>

        package init(needs: Set<String>, barriers: Set<String>, languages: Set<String>) {
            self.needs = needs
            self.barriers = barriers
            self.languages = languages
        }
    }

    public struct Caseload: Sendable, Equatable {
        public var requests = 0
        public var unmet = 0

        package init(requests: Int = 0, unmet: Int = 0) {
            self.requests = requests
            self.unmet = unmet
        }
    }

    /// One operator submission, as the choice of each organisation's latest period reads it.
    public struct OperatorPeriod: Sendable {
        public var organization: String?
        public var municipality: String
        public var end: String
        public var submitted: String
        public var uuid: String

        public init(organization: String?, municipality: String, end: String, submitted: String, uuid: String) {
            self.organization = organization
            self.municipality = municipality
            self.end = end
            self.submitted = submitted
            self.uuid = uuid
        }
    }

    /// The latest period of each organisation in each municipality (by period end, then
    /// submission time, then key): the submissions whose caseloads count.
    public static func latestPeriods(_ periods: [OperatorPeriod]) -> [OperatorPeriod] {
        var latest: [String: OperatorPeriod] = [:]
        for p in periods {
            let key = "\(p.organization ?? "")\u{0}\(p.municipality)"
            if let current = latest[key], (current.end, current.submitted, current.uuid) >= (p.end, p.submitted, p.uuid)
            {
                continue
            }
            latest[key] = p
        }
        return Array(latest.values)
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

    /// Every stored property, as given (backends in other modules build this value too).
    public init(
        municipalities: [Municipality], categories: [Category], services: [Service],
        responses: [String: [Response]], caseloads: [String: [String: Caseload]],
        operatorCovered: Set<String>, costs: [String: [String: Double]]? = nil,
        latestSubmission: String? = nil, sources: [String]
    ) {
        self.municipalities = municipalities
        self.categories = categories
        self.services = services
        self.responses = responses
        self.caseloads = caseloads
        self.operatorCovered = operatorCovered
        self.costs = costs
        self.latestSubmission = latestSubmission
        self.sources = sources
    }

    /// A cost matrix CSV: `origin` (ISTAT code), `destination` (service id), `cost`.
    package static func readCosts(_ path: String) throws -> [String: [String: Double]] {
        let table = try CSVStream.table(path: path)
        let o = try table.requireColumn("origin", option: "the header")
        let d = try table.requireColumn("destination", option: "the header")
        let c = try table.requireColumn("cost", option: "the header")
        var costs: [String: [String: Double]] = [:]
        var problems: [InputProblem] = []
        for (i, r) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            guard let (code, _) = IstatCode.parseLenient(CSVStream.Table.field(r, o)) else {
                problems.append(InputProblem(.row(row), field: "origin", "expected a 6-digit ISTAT code"))
                continue
            }
            guard let cost = FieldText.number(CSVStream.Table.field(r, c)), cost >= 0, cost.isFinite else {
                problems.append(InputProblem(.row(row), field: "cost", "expected a number of 0 or more"))
                continue
            }
            costs[code, default: [:]][CSVStream.Table.field(r, d)] = cost
        }
        guard problems.isEmpty else { throw InputError(file: path, problems: problems) }
        return costs
    }
}
