import Foundation

/// Distance-decay weight f(cost), exactly as PySAL `access` (`access/weights.py`) defines them,
/// so that territorio's accessibility equals the reference implementation.
///
/// - `gaussian(σ)`: f(x) = exp(−x² / (2σ²)) — not normalised: f(0) = 1.
/// - `step(thresholds)`: the weight of the first threshold t (ascending) with x ≤ t; 0 beyond the last.
/// - `gravity(scale, α, min_dist)`: f(x) = (max(x, min_dist) / scale)^α — pass a negative α for decay.
public enum WeightFunction: Sendable, Codable, Equatable {
    public struct Step: Sendable, Codable, Equatable {
        public var threshold: Double
        public var weight: Double

        public init(threshold: Double, weight: Double) {
            self.threshold = threshold
            self.weight = weight
        }
    }

    case gaussian(sigma: Double)
    case step([Step])
    case gravity(scale: Double, alpha: Double, minDist: Double)

    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .gaussian(let sigma):
            return exp(-x * x / (2 * sigma * sigma))
        case .step(let steps):
            for s in steps where x <= s.threshold { return s.weight }
            return 0
        case .gravity(let scale, let alpha, let minDist):
            return pow(max(x, minDist) / scale, alpha)
        }
    }

    public var name: String {
        switch self {
        case .gaussian: "gaussian"
        case .step: "step"
        case .gravity: "gravity"
        }
    }

    package var sigma: Double? { if case .gaussian(let s) = self { s } else { nil } }

    /// The parameters, named as in PySAL `access`, for reports.
    public var parameters: [String: Double] {
        switch self {
        case .gaussian(let sigma): ["sigma": sigma]
        case .step(let steps): Dictionary(uniqueKeysWithValues: steps.map { ("step_\($0.threshold)", $0.weight) })
        case .gravity(let scale, let alpha, let minDist): ["scale": scale, "alpha": alpha, "min_dist": minDist]
        }
    }
}
