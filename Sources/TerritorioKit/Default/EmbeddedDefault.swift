import Foundation
import TerritorioCore
import TerritorioIO
import TerritorioStore

/// The embedded default: the consortium described by the small files in `GeoData/`, so that
/// territorio runs with no download.
///
/// The boundaries are the official ISTAT ones (`GeoData/boundaries.geojson`: the consortium's 29
/// features cut unchanged from the ISTAT file of the province of Alessandria, CC BY 4.0), so every
/// map of the demo shows the real territory.
public enum EmbeddedDefault {
    /// Where the demo's boundaries come from, as recorded in the database's import log.
    public static let boundarySource =
        "GeoData/boundaries.geojson: ISTAT administrative limits 2023 (CC BY 4.0), via openpolis geojson-italy"

    /// One member municipality as `GeoData/consortium.csv` lists it.
    public struct Member: Sendable, Hashable {
        public var code: String
        public var name: String
        public var interiorPoint: Coordinate
        public var population: Int
        public var areaKm2: Double?
        /// The consortium's zone (valley or district) of the municipality.
        public var zone: String?
    }

    /// Reads `consortium.csv` (columns `istat_code,name,lat,lon,population_2011[,area_km2][,zone]`).
    public static func members(geoData: String) throws(InputError) -> [Member] {
        let table = try CSVStream.table(path: geoData + "/consortium.csv")
        let code = try table.requireColumn("istat_code", option: "the header")
        let name = try table.requireColumn("name", option: "the header")
        let lat = try table.requireColumn("lat", option: "the header")
        let lon = try table.requireColumn("lon", option: "the header")
        let pop = try table.requireColumn("population_2011", option: "the header")
        let area = table.column("area_km2")
        let zone = table.column("zone")
        var problems: [InputProblem] = []
        var members: [Member] = []
        for (i, r) in table.records.enumerated() {
            let row = table.row(ofRecord: i)
            guard let c = IstatCode.parse(CSVStream.Table.field(r, code)) else {
                problems.append(InputProblem(.row(row), field: "istat_code", "expected a 6-digit ISTAT code"))
                continue
            }
            guard let y = Double(CSVStream.Table.field(r, lat)), let x = Double(CSVStream.Table.field(r, lon)),
                abs(y) <= 90, abs(x) <= 180
            else {
                problems.append(
                    InputProblem(
                        .row(row), field: "lat/lon", "expected WGS84 latitude and longitude in decimal degrees"))
                continue
            }
            guard let p = Int(CSVStream.Table.field(r, pop)), p >= 0 else {
                problems.append(InputProblem(.row(row), field: "population_2011", "expected a whole number"))
                continue
            }
            members.append(
                Member(
                    code: c, name: CSVStream.Table.field(r, name), interiorPoint: Coordinate(lon: x, lat: y),
                    population: p, areaKm2: area.flatMap { Double(CSVStream.Table.field(r, $0)) },
                    zone: zone.map { CSVStream.Table.field(r, $0) }.flatMap { $0.isEmpty ? nil : $0 }))
        }
        guard problems.isEmpty else { throw InputError(file: table.file, problems: problems) }
        return members
    }

    /// The official boundaries of the members, from `boundaries.geojson`; every member must have
    /// exactly one, and the file must hold no other municipality.
    public static func boundaries(geoData: String, members: [Member]) throws -> BoundaryFile {
        let file = try BoundaryFile.read(path: geoData + "/boundaries.geojson")
        let found = Set(file.boundaries.map(\.code))
        let expected = Set(members.map(\.code))
        guard found == expected, file.boundaries.count == members.count else {
            let missing = expected.subtracting(found).sorted()
            let extra = found.subtracting(expected).sorted()
            throw InputError(
                file: file.file,
                "expected one boundary per member of consortium.csv; "
                    + "missing: \(missing.joined(separator: ", ")); not members: \(extra.joined(separator: ", "))")
        }
        return file
    }

    /// Builds the embedded default into `store`: official boundaries, 2011 population and
    /// consortium membership of every member, the taxonomy and the demo service directory.
    public static func load(into store: Store, geoData: String) throws {
        let members = try members(geoData: geoData)
        try store.importBoundaries(try boundaries(geoData: geoData, members: members), source: boundarySource)
        let population = population(geoData: geoData, members: members)
        try store.importPopulation(population, source: "GeoData/consortium.csv")
        try store.setConsortium(consortium(members, file: population.file))
        try loadDirectory(into: store, geoData: geoData)
    }

    /// The members' 2011 population, as an import file.
    static func population(geoData: String, members: [Member]) -> PopulationFile {
        PopulationFile(
            file: geoData + "/consortium.csv", year: 2011,
            entries: members.enumerated().map {
                .init(code: $1.code, name: $1.name, population: $1.population, row: $0 + 2)
            },
            paddedCodes: 0)
    }

    /// The membership (and zones) of `members`, as a consortium file.
    static func consortium(_ members: [Member], file: String) -> ConsortiumFile {
        var rows: [String: Int] = [:]
        for (i, m) in members.enumerated() { rows[m.code] = i + 2 }
        let zones = Dictionary(uniqueKeysWithValues: members.compactMap { m in m.zone.map { (m.code, $0) } })
        return ConsortiumFile(file: file, codes: members.map(\.code), rowOfCode: rows, zones: zones)
    }

    /// Refuses a sample that was not accepted whole.
    static func checkWhole(_ summary: IngestSummary, path: String) throws {
        guard summary.rejected == 0 else {
            throw InputError(
                file: path,
                problems: summary.rejections.map { InputProblem(.row($0.row), $0.messages.joined(separator: "; ")) })
        }
    }

    /// The synthetic survey exports shipped in `Surveys/samples/` beside `GeoData/`.
    public static func sampleSurveys(geoData: String) -> [String] {
        let folder = URL(fileURLWithPath: geoData).deletingLastPathComponent().appendingPathComponent("Surveys/samples")
            .path
        return ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"].map { folder + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Ingests the sample survey exports; the demo's own samples must be accepted whole.
    @discardableResult
    public static func ingestSamples(into store: Store, geoData: String) throws -> [IngestSummary] {
        try ingestSamples(into: store, paths: sampleSurveys(geoData: geoData))
    }

    /// Ingests the sample exports at `paths`; each must be accepted whole.
    @discardableResult
    public static func ingestSamples(into store: Store, paths: [String]) throws -> [IngestSummary] {
        let resolver = try SurveyIngest.resolver(store)
        return try paths.map { path in
            let (summary, _) = try SurveyIngest.ingest(path: path, into: store, resolver: resolver)
            try checkWhole(summary, path: path)
            return summary
        }
    }

    /// Loads `categories.csv` and `services.csv`; any rejected service is an error (the demo's
    /// own data must be clean).
    public static func loadDirectory(into store: Store, geoData: String) throws {
        let categoriesPath = geoData + "/categories.csv"
        try store.importCategories(try CategoryFile.read(path: categoriesPath), source: "GeoData/categories.csv")
        let servicesPath = geoData + "/services.csv"
        let outcome = try ServiceCheck(context: try store.directoryContext()).check(
            try ServiceFile.read(path: servicesPath))
        guard outcome.problems.isEmpty else { throw InputError(file: servicesPath, problems: outcome.problems) }
        try store.importServices(outcome.services, source: "GeoData/services.csv")
    }
}
