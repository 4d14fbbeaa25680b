import ArgumentParser
import Foundation
import TerritorioKit

extension SurveyForm.Kind: ExpressibleByArgument {}

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Generate the survey forms (XLSForm for KoboToolbox/ODK) and the paper template.",
        subcommands: [Form.self, Template.self])

    /// The form `kind` of the existing database; refused when its choice lists would be empty
    /// (no consortium members or no categories), which KoboToolbox and ODK reject.
    static func definition(_ global: GlobalOptions, _ kind: SurveyForm.Kind) async throws -> SurveyForm {
        let store = try await global.existingCommandStore()
        let definition = try await SurveyIngest.forms(from: store).first { $0.kind == kind }!
        if definition.choices["municipality"]?.isEmpty ?? true {
            throw InputError(file: global.databaseName, text("db.no_consortium"))
        }
        if try await store.categories().isEmpty {
            throw InputError(file: global.databaseName, text("db.no_categories"))
        }
        return definition
    }

    struct Form: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the XLSForm (.xlsx) of the user or operator survey, in it/en/fr/ar.",
            discussion: """
                The choices come from the database: the consortium's municipalities and the \
                taxonomy. Upload the file to KoboToolbox or ODK Central as a new form.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "user or operator.") var form: SurveyForm.Kind
        @Option(help: "The .xlsx file to write.") var out: String
        @Option(name: .customLong("form-version"), help: "The form version recorded in the settings sheet.")
        var formVersion = "1"

        func run() async throws {
            try await reportingFailures {
                let definition = try await SurveyCommand.definition(global, form)
                try AtomicFile.write(try definition.xlsform(version: formVersion), to: out)
                say(
                    text(
                        "survey.wrote_form", ("file", out), ("form", form.rawValue),
                        ("questions", definition.fields.count)))
            }
        }
    }

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the CSV template for typing in paper questionnaires.",
            discussion:
                "One comment line per question (in the four languages) precedes the header; `territorio ingest` reads the file as it is."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "user or operator.") var form: SurveyForm.Kind
        @Option(help: "The .csv file to write.") var out: String

        func run() async throws {
            try await reportingFailures {
                let definition = try await SurveyCommand.definition(global, form)
                try AtomicFile.write(definition.paperTemplate(), to: out)
                say(text("wrote", ("file", out)))
            }
        }
    }
}
