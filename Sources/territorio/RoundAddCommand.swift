import ArgumentParser
import TerritorioKit

struct RoundAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a survey round: a name and its first and last day (rounds must not overlap).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The round's name, e.g. 2026-autunno.")
    var name: String

    @Option(help: "The first day (YYYY-MM-DD).")
    var start: String

    @Option(help: "The last day (YYYY-MM-DD), inclusive.")
    var end: String

    @Option(help: "A note (e.g. what the round was about).")
    var note: String?

    func run() async throws {
        let round: SurveyRound
        switch SurveyRound.parse(name: name, start: start, end: end, note: note) {
        case .success(let r): round = r
        case .failure(let e): throw ValidationError(e.description)
        }
        try await reportingFailures {
            let store = try await global.openCommandStore()
            do { try await store.addRound(round) } catch let e as RoundError {
                throw InputError(file: global.databaseName, kind: .invalid, e.description)
            }
            say(Self.added(round))
        }
    }

    static func added(_ r: SurveyRound) -> String {
        text("msg3.round.added", ("name", r.name), ("start", r.start), ("end", r.end))
    }
}
