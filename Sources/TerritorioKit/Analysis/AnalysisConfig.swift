import Foundation
import TOMLKit

/// The parameters of the gap analysis, from `territorio.toml` (next to the database) or
/// `--config FILE`: a `[default]` section and per-category overrides `[category.<code>]`.
///
/// ```toml
/// [default]
/// max_cost = 20        # catchment, km (or the unit of --costs)
/// weight = "gaussian"  # gaussian | step | gravity, as PySAL access defines them
/// sigma = 10
/// k = 5                # suppression threshold (never below 3)
/// min_responses = 10   # fewer user responses from a municipality: insufficient_data
///
/// [category.night_shelter]
/// max_cost = 35
///
/// [category.health]
/// weight = "step"
/// steps = { "5" = 1.0, "10" = 0.68, "20" = 0.22 }
/// ```
public struct AnalysisConfig: Sendable, Codable, Equatable {
    /// Catchment and distance decay for one category.
    public struct Catchment: Sendable, Codable, Equatable {
        public var maxCost: Double
        public var weight: WeightFunction
    }

    public var defaults: Catchment
    public var categories: [String: Catchment]
    /// Disclosure-control threshold: counts from 1 to k−1 are not published.
    public var k: Int
    /// Below this many user responses from a municipality, its gap level is `insufficient_data`.
    public var minResponses: Int
    /// Where the parameters came from (a file, or the built-in defaults).
    public var source: String

    /// The smallest threshold allowed (the Italian statistical code of conduct's minimum).
    public static let minimumK = 3

    public func catchment(_ category: String) -> Catchment { categories[category] ?? defaults }

    /// Defaults for a hilly, partly mountainous area (see docs/method.md): 20 km great-circle
    /// (about 30 km by road in the valleys), Gaussian decay with σ = 10 km; longer catchments
    /// for specialised services people travel to.
    public static let standard: AnalysisConfig = {
        let base = Catchment(maxCost: 20, weight: .gaussian(sigma: 10))
        let specialised = Catchment(maxCost: 35, weight: .gaussian(sigma: 15))
        return AnalysisConfig(
            defaults: base,
            categories: [
                "night_shelter": specialised, "violence_women": specialised, "mental_health": specialised,
                "legal": specialised, "food": Catchment(maxCost: 15, weight: .gaussian(sigma: 7.5))
            ],
            k: 5, minResponses: 10, source: "built-in defaults")
    }()

    public struct ConfigError: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// Reads `path`, starting from ``standard`` and overriding what the file says.
    public static func load(path: String) throws -> AnalysisConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file")
        }
        if let (line, column) = TOMLHeaderCheck.firstBadHeader(in: text) {
            throw ConfigError(file: path, message: badHeader(line: line, column: column))
        }
        if let (line, column) = TOMLHeaderCheck.firstBraceInArray(in: text) {
            throw ConfigError(
                file: path,
                message: "not valid TOML at line \(line), column \(column): "
                    + "a '}' where an array opened with '[' is not closed")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ConfigError(
                file: path,
                message:
                    "not valid TOML at line \(e.source.begin.line), column \(e.source.begin.column): \(e.description)")
        }
        var config = standard
        config.source = path
        if let d = table["default"]?.table {
            config.defaults = try catchment(d, base: standard.defaults, section: "[default]", file: path)
            if let k = d["k"]?.int { config.k = k }
            if let m = d["min_responses"]?.int { config.minResponses = m }
            config.categories = [:]  // a file that sets defaults decides per-category overrides itself
        }
        if let categories = table["category"]?.table {
            for code in categories.keys {
                guard let section = categories[code]?.table else {
                    throw ConfigError(file: path, message: "[category.\(code)] must be a table")
                }
                config.categories[code] = try catchment(
                    section, base: config.defaults, section: "[category.\(code)]", file: path)
            }
        }
        guard config.k >= minimumK else {
            throw ConfigError(
                file: path,
                message:
                    "k = \(config.k) is below \(minimumK), the minimum the Italian statistical code of conduct allows")
        }
        guard config.minResponses >= config.k else {
            throw ConfigError(
                file: path, message: "min_responses (\(config.minResponses)) must be at least k (\(config.k))")
        }
        return config
    }

    /// A table header whose name starts with a character no key starts with.
    static func badHeader(line: Int, column: Int) -> String {
        "not valid TOML at line \(line), column \(column): a table name such as [default] or "
            + "[category.food] must start with a letter, a digit, _ or - (or be quoted)"
    }

    static func number(_ v: TOMLValueConvertible?) -> Double? { v?.double ?? v?.int.map(Double.init) }

    static func catchment(_ t: TOMLTable, base: Catchment, section: String, file: String) throws -> Catchment {
        var c = base
        if let m = t["max_cost"] {
            guard let v = number(m), v > 0 else {
                throw ConfigError(file: file, message: "\(section) max_cost must be a positive number")
            }
            c.maxCost = v
        }
        let name = t["weight"]?.string ?? base.weight.name
        func need(_ key: String) throws -> Double {
            guard let v = number(t[key]) else {
                throw ConfigError(file: file, message: "\(section) weight = \"\(name)\" needs \(key) (a number)")
            }
            return v
        }
        switch name {
        case "gaussian":
            let sigma = t["sigma"] == nil ? (base.weight.sigma ?? 10) : try need("sigma")
            guard sigma != 0 else { throw ConfigError(file: file, message: "\(section) sigma must be non-zero") }
            c.weight = .gaussian(sigma: sigma)
        case "step":
            guard let steps = t["steps"]?.table else {
                throw ConfigError(
                    file: file,
                    message:
                        "\(section) weight = \"step\" needs steps = { \"5\" = 1.0, \"10\" = 0.5 } (threshold = weight)")
            }
            var pairs: [(Double, Double)] = []
            for key in steps.keys {
                guard let threshold = Double(key), let w = number(steps[key]), w >= 0 else {
                    throw ConfigError(
                        file: file, message: "\(section) steps: \"\(key)\" must be a number with a weight of 0 or more")
                }
                pairs.append((threshold, w))
            }
            c.weight = .step(pairs.sorted { $0.0 < $1.0 }.map { WeightFunction.Step(threshold: $0.0, weight: $0.1) })
        case "gravity":
            c.weight = .gravity(scale: try need("scale"), alpha: try need("alpha"), minDist: number(t["min_dist"]) ?? 0)
        default:
            throw ConfigError(
                file: file, message: "\(section) weight = \"\(name)\": expected gaussian, step or gravity")
        }
        return c
    }
}
