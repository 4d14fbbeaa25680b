import GRDB

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

extension Store {
    /// Sets population and reference year for every municipality of `file` found in the
    /// database, in one transaction; reports the codes that match nothing.
    @discardableResult
    public func importPopulation(_ file: PopulationFile, source: String) throws -> PopulationImportReport {
        try write { db in
            var known: [String: (population: Int?, year: Int?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, population, population_year FROM municipality") {
                known[row[0]] = (row[1], row[2])
            }
            let update = try db.makeStatement(
                sql:
                    "UPDATE municipality SET population = ?, population_year = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE code = ?"
            )
            let plan = PopulationImportReport.plan(file, known: known)
            var report = plan.report
            for entry in plan.changed {
                try update.execute(arguments: [entry.population, file.year, entry.code])
            }
            let inFile = Set(file.entries.map(\.code))
            for row in try Row.fetchAll(db, sql: "SELECT code, name FROM municipality ORDER BY code")
            where !inFile.contains(row[0]) {
                report.withoutPopulation.append((row[0], row[1]))
            }
            try ImportLog.record(
                db, kind: "population \(file.year)", source: source, added: 0, updated: report.updated,
                unchanged: report.unchanged,
                note: report.note)
            return report
        }
    }
}
