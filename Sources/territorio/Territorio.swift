import ArgumentParser
import TerritorioKit

@main
struct Territorio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Participatory territory mapping: municipalities, services, survey results and coverage gaps.",
        discussion: """
            Keeps the consortium's municipalities (ISTAT boundaries and population) in a SpatiaLite \
            database that QGIS opens as it is (`territorio info` also reads a PostGIS server: \
            --db postgresql://user@host:port/database).

            Start with `territorio demo --out out` to build the embedded default, or \
            `territorio init` and the `import` commands to load official data.

            Exit codes: 0 success; 3 done, but some rows were rejected; 64 wrong usage; 65 invalid input (nothing was written); \
            66 input file missing or unreadable (nothing was written); 1 any other failure.
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, ImportCommand.self, ConsortiumCommand.self, SurveyCommand.self, IngestCommand.self,
                      QuarantineCommand.self, ReportCommand.self, MapCommand.self, PosterCommand.self, ExportCommand.self,
                      InfoCommand.self, CopyCommand.self, DemoCommand.self, BackupCommand.self, RestoreCommand.self,
                      DoctorCommand.self])
}
