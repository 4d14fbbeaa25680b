import ArgumentParser
import Foundation
import TerritorioKit

struct RoundListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the survey rounds with their dates and how many submissions each holds.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reportingFailures {
            let store = try await global.existingCommandStore()
            let rounds = try await store.rounds()
            let (counts, outside) = try await store.roundCounts()
            if rounds.isEmpty { say(Self.noRounds) }
            for r in rounds {
                print(
                    "\(r.name)\t\(r.start)\t\(r.end)\t\(counts[r.name] ?? 0) submissions"
                        + (r.note.map { "\t\($0)" } ?? ""))
            }
            if outside > 0 { say(Self.outside(outside)) }
        }
    }

    static let noRounds = "no survey rounds yet: add one with `territorio round add NAME --start DATE --end DATE`"
    static func outside(_ n: Int) -> String {
        "note: \(n) submissions fall in no round (their dates are outside every round): add a round that holds them"
    }
}
