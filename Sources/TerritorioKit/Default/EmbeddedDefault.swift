import Foundation

/// The embedded default: the consortium described by the small files in `GeoData/`, so that
/// territorio runs with no download.
///
/// Only interior points are embedded (the official boundary files may not be redistributed
/// here), so ``approximateBoundaries(of:)`` derives stand-in polygons from them. They are
/// stored with `boundary_approximate = 1`, and `territorio import boundaries` replaces them.
public enum EmbeddedDefault {
    /// Where the approximate boundaries come from, as recorded in the database.
    public static let approximateSource = "approximate: Voronoi cells of the interior points in GeoData/consortium.csv, clipped to a 4 km buffer of their hull"

    /// Distance, in metres, by which the points' convex hull is grown to close the outer cells.
    public static let hullBuffer = 4_000.0

    /// One member municipality as `GeoData/consortium.csv` lists it.
    public struct Member: Sendable, Hashable {
        public var code: String
        public var name: String
        public var interiorPoint: Coordinate
        public var population: Int
        public var areaKm2: Double?
    }

    /// The `GeoData` folder: `explicit` if given, else `$TERRITORIO_GEODATA`, `./GeoData`, or the
    /// `GeoData` folder of the source tree the executable was built in.
    public static func locateGeoData(explicit: String? = nil, executable: String = CommandLine.arguments[0]) throws -> String {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["TERRITORIO_GEODATA"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/GeoData")
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("GeoData").path)
            dir.deleteLastPathComponent()
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/consortium.csv") }) {
            return found
        }
        if let explicit { throw InputError(file: explicit, kind: .unreadable, "no consortium.csv in this folder; expected territorio's GeoData folder") }
        throw InputError(file: "GeoData", kind: .unreadable, "cannot find territorio's GeoData folder; run from the source tree or set TERRITORIO_GEODATA")
    }

    /// Reads `consortium.csv` (columns `istat_code,name,lat,lon,population_2011[,area_km2]`).
    public static func members(geoData: String) throws(InputError) -> [Member] {
        let table = try CSVTable.read(path: geoData + "/consortium.csv")
        let code = try table.requireColumn("istat_code", option: "the header")
        let name = try table.requireColumn("name", option: "the header")
        let lat = try table.requireColumn("lat", option: "the header")
        let lon = try table.requireColumn("lon", option: "the header")
        let pop = try table.requireColumn("population_2011", option: "the header")
        let area = table.column("area_km2")
        var problems: [InputProblem] = []
        var members: [Member] = []
        for (i, r) in table.records.enumerated() {
            let row = CSVTable.rowNumber(ofRecord: i)
            guard let c = IstatCode.parse(CSVTable.field(r, code)) else {
                problems.append(InputProblem(.row(row), field: "istat_code", "expected a 6-digit ISTAT code")); continue
            }
            guard let y = Double(CSVTable.field(r, lat)), let x = Double(CSVTable.field(r, lon)), abs(y) <= 90, abs(x) <= 180 else {
                problems.append(InputProblem(.row(row), field: "lat/lon", "expected WGS84 latitude and longitude in decimal degrees")); continue
            }
            guard let p = Int(CSVTable.field(r, pop)), p >= 0 else {
                problems.append(InputProblem(.row(row), field: "population_2011", "expected a whole number")); continue
            }
            members.append(Member(code: c, name: CSVTable.field(r, name), interiorPoint: Coordinate(lon: x, lat: y),
                                  population: p, areaKm2: area.flatMap { Double(CSVTable.field(r, $0)) }))
        }
        guard problems.isEmpty else { throw InputError(file: table.file, problems: problems) }
        return members
    }

    /// Stand-in boundaries: the Voronoi cell of each member's interior point, clipped to the
    /// points' convex hull grown by ``hullBuffer``. Computed in a local projection in metres,
    /// so cells are not stretched east–west. Cells are valid, do not overlap and contain
    /// their points; they share edges exactly.
    public static func approximateBoundaries(of members: [Member]) throws -> BoundaryFile {
        let engine = GeometryEngine()
        let projection = LocalProjection(centredOn: members.map(\.interiorPoint))
        let sites = members.map { projection.project($0.interiorPoint) }
        let clip = try engine.buffer(engine.convexHull(of: sites), by: hullBuffer)
        let cells = try engine.voronoiCells(around: sites, clippedTo: clip)
        let boundaries = zip(members, cells).map { member, cell in
            MunicipalityBoundary(code: member.code, name: member.name, province: "AL",
                                 shape: projection.unproject(cell), representativePoint: member.interiorPoint, repair: nil)
        }
        return BoundaryFile(file: "GeoData/consortium.csv", boundaries: boundaries)
    }

    /// Builds the embedded default into `store`: approximate boundaries, 2011 population and
    /// consortium membership of every member, the taxonomy and the demo service directory.
    public static func load(into store: Store, geoData: String) throws {
        let members = try members(geoData: geoData)
        try store.importBoundaries(try approximateBoundaries(of: members), source: approximateSource, approximate: true)
        let population = PopulationFile(file: geoData + "/consortium.csv", year: 2011,
                                        entries: members.enumerated().map { .init(code: $1.code, name: $1.name, population: $1.population, row: $0 + 2) },
                                        paddedCodes: 0)
        try store.importPopulation(population, source: population.file)
        var rows: [String: Int] = [:]
        for (i, m) in members.enumerated() { rows[m.code] = i + 2 }
        try store.setConsortium(ConsortiumFile(file: population.file, codes: members.map(\.code), rowOfCode: rows))
        try loadDirectory(into: store, geoData: geoData)
    }

    /// The synthetic survey exports shipped in `Surveys/samples/` beside `GeoData/`.
    public static func sampleSurveys(geoData: String) -> [String] {
        let folder = URL(fileURLWithPath: geoData).deletingLastPathComponent().appendingPathComponent("Surveys/samples").path
        return ["kobo-user.csv", "odk-operator.csv", "paper-user.csv"].map { folder + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Ingests the sample survey exports; the demo's own samples must be accepted whole.
    @discardableResult
    public static func ingestSamples(into store: Store, geoData: String) throws -> [IngestSummary] {
        let resolver = try SurveyIngest.resolver(store)
        return try sampleSurveys(geoData: geoData).map { path in
            let (summary, _) = try SurveyIngest.ingest(path: path, into: store, resolver: resolver)
            guard summary.rejected == 0 else {
                throw InputError(file: path, problems: summary.rejections.map { InputProblem(.row($0.row), $0.messages.joined(separator: "; ")) })
            }
            return summary
        }
    }

    /// Loads `categories.csv` and `services.csv`; any rejected service is an error (the demo's
    /// own data must be clean).
    public static func loadDirectory(into store: Store, geoData: String) throws {
        let categoriesPath = geoData + "/categories.csv"
        try store.importCategories(try CategoryFile.read(path: categoriesPath), source: categoriesPath)
        let servicesPath = geoData + "/services.csv"
        let outcome = try ServiceCheck(context: try store.directoryContext()).check(try ServiceFile.read(path: servicesPath))
        guard outcome.problems.isEmpty else { throw InputError(file: servicesPath, problems: outcome.problems) }
        try store.importServices(outcome.services, source: servicesPath)
    }
}
