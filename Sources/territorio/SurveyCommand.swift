import ArgumentParser
import Foundation
import TerritorioKit

extension SurveyForm.Kind: ExpressibleByArgument {}

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Generate the survey forms (XLSForm for KoboToolbox/ODK) and the paper template.",
        subcommands: [Form.self, Template.self])

    struct Form: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the XLSForm (.xlsx) of the user or operator survey, in it/en/fr/ar.",
            discussion: """
                The choices come from the database: the consortium's municipalities and the \
                taxonomy. Upload the file to KoboToolbox or ODK Central as a new form.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "user or operator.") var form: SurveyForm.Kind
        @Option(help: "The .xlsx file to write.") var out: String
        @Option(help: "The form version recorded in the settings sheet.") var version = "1"

        func run() throws {
            try reportingFailures {
                let store = try Store.open(at: global.database)
                let definition = try SurveyIngest.forms(store).first { $0.kind == form }!
                try AtomicFile.write(try definition.xlsform(version: version), to: out)
                say("Wrote \(out): the \(form.rawValue) survey, \(definition.fields.count) questions, in Italian, English, French and Arabic.")
            }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the CSV template for typing in paper questionnaires.",
            discussion: "One comment line per question (in the four languages) precedes the header; `territorio ingest` reads the file as it is.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "user or operator.") var form: SurveyForm.Kind
        @Option(help: "The .csv file to write.") var out: String

        func run() throws {
            try reportingFailures {
                let store = try Store.open(at: global.database)
                let definition = try SurveyIngest.forms(store).first { $0.kind == form }!
                try AtomicFile.write(definition.paperTemplate(), to: out)
                say("Wrote \(out).")
            }
        }
    }
}
