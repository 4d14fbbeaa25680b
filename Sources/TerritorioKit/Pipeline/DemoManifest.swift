import Foundation
import TerritorioCore

/// What ``DemoPipeline/run(_:)`` wrote: every output's path, the ingested samples and what the
/// database holds.
public struct DemoManifest: Sendable {
    /// The SpatiaLite database.
    public var database: String
    /// The survey samples ingested, one summary per file.
    public var surveys: [IngestSummary]
    /// What the database holds.
    public var summary: StoreSummary
    /// The consortium's boundaries as GeoJSON.
    public var municipalities = ""
    /// The service directory as GeoJSON.
    public var services = ""
    /// The gap report: GeoJSON, then CSV.
    public var gaps: [String] = []
    /// The number of categories analysed.
    public var categories = 0
    /// The SVG maps.
    public var maps: [String] = []
    /// The PNG maps (empty when not asked for).
    public var pngs: [String] = []
    /// The poster, one HTML file per language.
    public var posters: [String] = []
    /// The change report between the demo's two rounds: GeoJSON, CSV, the Italian summary (HTML,
    /// and PDF when asked for PNGs and Chromium is installed).
    public var changes: [String] = []
    /// The rounds compared, e.g. `2026-estate → 2026-autunno`.
    public var changeRounds = ""
    /// The self-help group's sessions on the poster.
    public var sessions = 0
    /// Wall time of the whole run, in seconds.
    public var seconds = 0.0

    /// Every file written, database first.
    public var files: [String] { [database, municipalities, services] + gaps + maps + pngs + posters + changes }
}
