import ArgumentParser
import TerritorioKit

/// Which survey rounds a report covers.
struct RoundOptions: ParsableArguments {
    @Option(help: "Only the submissions of this survey round (see `territorio round list`).")
    var round: String?

    @Option(help: "The first round of a range (default: the first round).")
    var from: String?

    @Option(help: "The last round of a range (default: the last round).")
    var to: String?

    func validate() throws {
        if round != nil
            && (from != nil
                || to != nil)
        {
            throw ValidationError(text("msg3.round.round_or_range"))
        }
    }

    /// The rounds chosen among `all` (the database's, oldest first): an unknown name is an error listing them.
    func selection(_ all: [SurveyRound], database: String) throws -> RoundSelection {
        do {
            return try RoundSelection.resolve(all: all, round: round, from: from, to: to)
        } catch let e as RoundError {
            throw InputError(file: database, kind: .invalid, e.description)
        }
    }

    /// The rounds chosen, checked against the database's (an unknown name is an error listing them).
    func selection(_ store: Store) throws -> RoundSelection {
        do {
            return try RoundSelection.resolve(
                store: store, round: round, from: from,
                to: to)
        } catch let e as RoundError {
            throw InputError(file: store.path, kind: .invalid, e.description)
        }
    }
}
