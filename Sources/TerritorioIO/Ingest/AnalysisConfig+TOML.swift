import Foundation
import TOMLKit
import TerritorioCore

/// Reading `territorio.toml` into an ``AnalysisConfig`` (TOMLKit stays out of the core target).
extension AnalysisConfig {
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
    package static func badHeader(line: Int, column: Int) -> String {
        "not valid TOML at line \(line), column \(column): a table name such as [default] or "
            + "[category.food] must start with a letter, a digit, _ or - (or be quoted)"
    }

    package static func number(_ v: TOMLValueConvertible?) -> Double? { v?.double ?? v?.int.map(Double.init) }

    package static func catchment(_ t: TOMLTable, base: Catchment, section: String, file: String) throws -> Catchment {
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
