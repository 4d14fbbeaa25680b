import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

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
