import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load official data into the database.",
        subcommands: [
            ImportBoundariesCommand.self, ImportPopulationCommand.self, ImportCategoriesCommand.self,
            ImportServicesCommand.self,
            ImportSessionsCommand.self
        ])
}
