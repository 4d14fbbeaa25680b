import Foundation
import TOMLKit
import TerritorioCore

/// What is kept of a respondent's GPS point once it has given the municipality: the centre of
/// its cell in a square grid of at least 1 km on UTM zone 32N (EPSG:32632), or nothing.
/// The exact point is never stored: a database is a file people pass around.
///
/// Set in `territorio.toml` (next to the database, or `--config FILE`):
///
/// ```toml
/// [privacy]
/// points = "cell"      # cell (default) | none
/// cell_size_m = 1000   # metres, at least 1000
/// ```
public struct LocationPrivacy: Sendable, Equatable {
    /// The side of a grid cell in metres, or nil to keep no point at all.
    public var cellSize: Double?

    /// The smallest cell allowed.
    public static let minimumCellSize = 1_000.0
    /// The default: 1 km cells.
    public static let standard = LocationPrivacy(cellSize: minimumCellSize)
    /// Keep no point.
    public static let none = LocationPrivacy(cellSize: nil)

    public init(cellSize: Double?) { self.cellSize = cellSize.map { max($0, Self.minimumCellSize) } }

    /// The centre of the cell holding `point` (WGS84), or nil when no point is kept.
    public func coarsen(_ point: Coordinate) -> Coordinate? {
        guard let size = cellSize else { return nil }
        let grid = TransverseMercator.utm32N
        let p = grid.project(point)
        func middle(_ v: Double) -> Double { (v / size).rounded(.down) * size + size / 2 }
        return grid.unproject(Coordinate(x: middle(p.x), y: middle(p.y)))
    }

    /// How the ingest summary and the documentation describe the rule.
    public var description: String {
        guard let size = cellSize else { return "no point is kept" }
        return "points are kept only as the centre of their \(Int(size)) m grid cell"
    }

    /// The `[privacy]` section of `path`; the default when the file has none.
    public static func load(path: String) throws -> LocationPrivacy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AnalysisConfig.ConfigError(file: path, message: "cannot read the file")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch {
            throw AnalysisConfig.ConfigError(file: path, message: "not valid TOML: \(error)")
        }
        guard let section = table["privacy"]?.table else { return .standard }
        return try read(section, file: path)
    }

    package static func read(_ section: TOMLTable, file: String) throws -> LocationPrivacy {
        let mode = section["points"]?.string ?? "cell"
        switch mode {
        case "none": return .none
        case "cell":
            let size = section["cell_size_m"].flatMap { $0.double ?? $0.int.map(Double.init) } ?? minimumCellSize
            guard size >= minimumCellSize else {
                throw AnalysisConfig.ConfigError(file: file, message: tooSmall(size))
            }
            return LocationPrivacy(cellSize: size)
        default:
            throw AnalysisConfig.ConfigError(file: file, message: unknownMode(mode))
        }
    }

    package static func unknownMode(_ mode: String) -> String {
        "[privacy] points = \"\(mode)\": expected cell or none"
    }

    package static func tooSmall(_ size: Double) -> String {
        "[privacy] cell_size_m = \(size) is below \(Int(minimumCellSize)) m: a smaller cell could single out a home"
    }
}
