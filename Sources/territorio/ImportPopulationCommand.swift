import ArgumentParser
import TerritorioKit

struct ImportPopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Import resident population per municipality from a CSV file.",
        discussion: """
            The file needs a column of ISTAT codes and one of residents. Codes that lost their \
            leading zeros in a spreadsheet (6114) are padded (006114). Codes that match no \
            municipality are listed: municipalities merged or renamed since the population list \
            (e.g. Gavazzana, merged into Cassano Spinola in 2018) show up this way.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The CSV file (comma or semicolon separated).")
    var file: String

    @Option(help: "The column holding the 6-digit ISTAT code.")
    var codeColumn = "istat_code"

    @Option(help: "The column holding the number of residents.")
    var populationColumn = "population_2011"

    @Option(help: "The column holding the name (used in messages, when present).")
    var nameColumn = "name"

    @Option(help: "The reference year (default: the year ending the population column's name).")
    var year: Int?

    func validate() throws {
        if let year, !(1800...2200).contains(year) { throw ValidationError("--year must be a year such as 2011") }
    }

    func run() throws {
        try reportingFailures {
            let population = try PopulationFile.read(
                path: file, columns: .init(code: codeColumn, population: populationColumn, name: nameColumn), year: year)
            let store = try Store.open(at: global.database)
            let report = try store.importPopulation(population, source: file)
            say("\(file): population \(population.year) — \(report.updated) municipalities updated, \(report.unchanged) unchanged.")
            if report.paddedCodes > 0 {
                say("note: \(report.paddedCodes) codes had lost their leading zeros (as spreadsheets do) and were padded to 6 digits.")
            }
            if !report.unmatched.isEmpty {
                say("warning: \(report.unmatched.count) codes of the file match no municipality in the database (merged or renamed?):")
                for u in report.unmatched { say("  \(u.code)\(u.name.map { " \($0)" } ?? "")") }
            }
            if report.otherProvinces > 0 {
                say("note: \(report.otherProvinces) rows are for provinces the database does not hold; they were skipped.")
            }
            if !report.withoutPopulation.isEmpty {
                say("warning: \(report.withoutPopulation.count) municipalities of the database have no figure in the file:")
                for m in report.withoutPopulation { say("  \(m.code) \(m.name)") }
            }
        }
    }
}
