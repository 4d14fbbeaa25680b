import GRDB

/// What the database holds, for `territorio info`.
public struct StoreSummary: Sendable, Codable {
    public struct Consortium: Sendable, Codable {
        public var members: Int
        public var population: Int
        public var membersWithoutPopulation: [String]
        public var names: [String]
        public var extent: BoundingBox?

        /// Every stored property, as given (backends in other modules build this value too).
        public init(
            members: Int, population: Int, membersWithoutPopulation: [String], names: [String],
            extent: BoundingBox? = nil
        ) {
            self.members = members
            self.population = population
            self.membersWithoutPopulation = membersWithoutPopulation
            self.names = names
            self.extent = extent
        }
    }

    public struct Import: Sendable, Codable {
        public var kind: String
        public var source: String
        public var at: String
        public var added: Int, updated: Int, unchanged: Int
        public var note: String?

        /// Every stored property, as given (backends in other modules build this value too).
        public init(
            kind: String, source: String, at: String, added: Int, updated: Int, unchanged: Int,
            note: String? = nil
        ) {
            self.kind = kind
            self.source = source
            self.at = at
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
            self.note = note
        }
    }

    public var database: String
    public var schema: [String]
    public var municipalities: Int
    public var approximateBoundaries: Int
    public var repairedBoundaries: Int
    public var withPopulation: Int
    public var populationYears: [Int]
    public var totalPopulation: Int
    public var provinces: [String]
    public var extent: BoundingBox?
    public var consortium: Consortium
    public var categories: Int
    public var services: Int
    public var servicesUnverified: Int
    public var servicesApproximate: Int
    public var userSubmissions: Int
    public var operatorSubmissions: Int
    public var quarantinedRows: Int
    public var batches: Int
    public var recentImports: [Import]

    /// Every stored property, as given (backends in other modules build this value too).
    public init(
        database: String, schema: [String], municipalities: Int, approximateBoundaries: Int,
        repairedBoundaries: Int, withPopulation: Int, populationYears: [Int], totalPopulation: Int,
        provinces: [String], extent: BoundingBox? = nil, consortium: Consortium, categories: Int,
        services: Int, servicesUnverified: Int, servicesApproximate: Int, userSubmissions: Int,
        operatorSubmissions: Int, quarantinedRows: Int, batches: Int, recentImports: [Import]
    ) {
        self.database = database
        self.schema = schema
        self.municipalities = municipalities
        self.approximateBoundaries = approximateBoundaries
        self.repairedBoundaries = repairedBoundaries
        self.withPopulation = withPopulation
        self.populationYears = populationYears
        self.totalPopulation = totalPopulation
        self.provinces = provinces
        self.extent = extent
        self.consortium = consortium
        self.categories = categories
        self.services = services
        self.servicesUnverified = servicesUnverified
        self.servicesApproximate = servicesApproximate
        self.userSubmissions = userSubmissions
        self.operatorSubmissions = operatorSubmissions
        self.quarantinedRows = quarantinedRows
        self.batches = batches
        self.recentImports = recentImports
    }
}

extension Store {
    public func summary() throws -> StoreSummary {
        try read { db in
            func extent(_ filter: String) throws -> BoundingBox? {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT Min(MbrMinX(geom)), Min(MbrMinY(geom)), Max(MbrMaxX(geom)), Max(MbrMaxY(geom))
                        FROM municipality WHERE \(filter)
                        """)
                guard let row, let minX: Double = row[0] else { return nil }
                return BoundingBox(minX: minX, minY: row[1], maxX: row[2], maxY: row[3])
            }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), total(boundary_approximate), count(boundary_repair), count(population), total(population)
                    FROM municipality
                    """)!
            let members = try Row.fetchAll(
                db, sql: "SELECT code, name, population FROM municipality WHERE in_consortium = 1 ORDER BY name")
            let imports = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, source, imported_at, added, updated, unchanged, note FROM import_log ORDER BY id DESC LIMIT 5
                    """
            ).map {
                StoreSummary.Import(
                    kind: $0[0], source: $0[1], at: $0[2], added: $0[3], updated: $0[4], unchanged: $0[5], note: $0[6])
            }
            return StoreSummary(
                database: path,
                schema: try Schema.migrator.appliedMigrations(db),
                municipalities: counts[0],
                approximateBoundaries: Int(counts[1] as Double),
                repairedBoundaries: counts[2],
                withPopulation: counts[3],
                populationYears: try Int.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT population_year FROM municipality WHERE population_year IS NOT NULL ORDER BY 1"
                ),
                totalPopulation: Int(counts[4] as Double),
                provinces: try String.fetchAll(
                    db, sql: "SELECT DISTINCT coalesce(province, substr(code, 1, 3)) FROM municipality ORDER BY 1"),
                extent: try extent("1"),
                consortium: .init(
                    members: members.count,
                    population: members.reduce(0) { $0 + (($1[2] as Int?) ?? 0) },
                    membersWithoutPopulation: members.filter { ($0[2] as Int?) == nil }.map { $0[0] },
                    names: members.map { $0[1] },
                    extent: try extent("in_consortium = 1")),
                categories: try Int.fetchOne(db, sql: "SELECT count(*) FROM category") ?? 0,
                services: try Int.fetchOne(db, sql: "SELECT count(*) FROM service") ?? 0,
                servicesUnverified: try Int.fetchOne(db, sql: "SELECT count(*) FROM service WHERE verified = 0") ?? 0,
                servicesApproximate: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM service WHERE location_approximate = 1") ?? 0,
                userSubmissions: try Int.fetchOne(db, sql: "SELECT count(*) FROM submission WHERE form = 'user'") ?? 0,
                operatorSubmissions: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM submission WHERE form = 'operator'") ?? 0,
                quarantinedRows: try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0,
                batches: try Int.fetchOne(db, sql: "SELECT count(*) FROM batch") ?? 0,
                recentImports: imports)
        }
    }
}

extension Store {
    /// The boundaries of the consortium's members, by ISTAT code.
    public func consortiumShapes() throws -> [String: MultiPolygon] {
        try read { db in
            var out: [String: MultiPolygon] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT code, AsBinary(geom) FROM municipality WHERE in_consortium = 1")
            {
                out[row[0]] = try WKB.decodeMultiPolygon(row[1])
            }
            return out
        }
    }

    /// Code → name and province of every municipality.
    public func municipalityNames() throws -> [String: (name: String, province: String?)] {
        try read { db in
            var out: [String: (name: String, province: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name, province FROM municipality") {
                out[row[0]] = (row[1], row[2])
            }
            return out
        }
    }
}
