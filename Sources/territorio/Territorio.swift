import ArgumentParser
import TerritorioKit

@main
struct Territorio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Participatory territory mapping: municipalities, services, survey results and coverage gaps.",
        discussion: text("help.root") + "\n\n" + text("help.exit_codes"),
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, ConsortiumCommand.self, SurveyCommand.self, IngestCommand.self,
            RoundCommand.self, QuarantineCommand.self, ReportCommand.self, MapCommand.self, PosterCommand.self,
            ExportCommand.self, InfoCommand.self, CopyCommand.self, DemoCommand.self, BackupCommand.self,
            RestoreCommand.self,
            DoctorCommand.self, ServeCommand.self, UserCommand.self
        ])
}
