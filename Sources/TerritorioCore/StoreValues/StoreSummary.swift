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
