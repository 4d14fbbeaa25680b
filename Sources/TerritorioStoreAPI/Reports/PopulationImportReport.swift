import TerritorioCore
import TerritorioIO

/// What an import of population figures changed, and which codes did not match.
public struct PopulationImportReport: Sendable {
    public var updated = 0
    public var unchanged = 0
    /// Codes of the file missing from the database, in provinces the database holds: typically
    /// municipalities merged or renamed between the two lists (code, name in the file).
    public var unmatched: [(code: String, name: String?)] = []
    /// How many codes of the file belong to provinces the database does not hold at all.
    public var otherProvinces = 0
    /// Municipalities of the database the file gives no figure for (code, name).
    public var withoutPopulation: [(code: String, name: String)] = []
    public var paddedCodes = 0

    /// An empty report, filled in by an import.
    public init(paddedCodes: Int = 0) {
        self.paddedCodes = paddedCodes
    }

    /// What importing `file` into a store whose municipalities hold `known` (code → population
    /// and year) changes: the report so far (without ``withoutPopulation``), and the entries to
    /// write. Shared by the backends, which differ only in how they read and write.
    public static func plan(_ file: PopulationFile, known: [String: (population: Int?, year: Int?)])
        -> (report: PopulationImportReport, changed: [PopulationFile.Entry])
    {
        let provinces = Set(known.keys.map(IstatCode.province(of:)))
        var report = PopulationImportReport(paddedCodes: file.paddedCodes)
        var changed: [PopulationFile.Entry] = []
        for entry in file.entries {
            guard let old = known[entry.code] else {
                if provinces.contains(IstatCode.province(of: entry.code)) {
                    report.unmatched.append((entry.code, entry.name))
                } else {
                    report.otherProvinces += 1
                }
                continue
            }
            if old.population == entry.population && old.year == file.year {
                report.unchanged += 1
            } else {
                changed.append(entry)
                report.updated += 1
            }
        }
        return (report, changed)
    }

    /// The import log's note: the codes that matched nothing, if any.
    public var note: String? {
        unmatched.isEmpty ? nil : "unmatched codes: " + unmatched.map(\.code).joined(separator: " ")
    }
}
