import Foundation

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

        public init(file: String, message: String) {
            self.file = file
            self.message = message
        }
    }
}
