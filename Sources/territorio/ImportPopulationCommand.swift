import ArgumentParser
import TerritorioKit

struct ImportPopulationCommand: AsyncParsableCommand {
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
        if let year, !(1800...2200).contains(year) { throw ValidationError(text("usage.year")) }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingAnyStore()
            let population = try PopulationFile.read(
                path: file, columns: .init(code: codeColumn, population: populationColumn, name: nameColumn), year: year
            )
            let report = try await store.importPopulation(population, source: file)
            say(
                text(
                    "population.imported", ("file", file), ("year", String(population.year)),
                    ("updated", report.updated), ("unchanged", report.unchanged)))
            if report.paddedCodes > 0 { say(text("population.padded", ("count", report.paddedCodes))) }
            if !report.unmatched.isEmpty {
                say(text("population.unmatched", ("count", report.unmatched.count)))
                for u in report.unmatched { say("  \(Echo.value(u.code))\(u.name.map { " \(Echo.value($0))" } ?? "")") }
            }
            if report.otherProvinces > 0 { say(text("population.other_provinces", ("count", report.otherProvinces))) }
            if !report.withoutPopulation.isEmpty {
                say(text("population.without", ("count", report.withoutPopulation.count)))
                for m in report.withoutPopulation { say("  \(m.code) \(Echo.value(m.name))") }
            }
        }
    }
}
