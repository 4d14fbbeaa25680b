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
                // The count as plain digits (no grouping by language): scripts read this column.
                let count = text("msg3.round.submissions", ("count", String(counts[r.name] ?? 0)))
                print("\(r.name)\t\(r.start)\t\(r.end)\t" + count + (r.note.map { "\t\($0)" } ?? ""))
            }
            if outside > 0 { say(Self.outside(outside)) }
        }
    }

    static var noRounds: String { text("msg3.round.none") }
    static func outside(_ n: Int) -> String { text("msg3.round.outside", ("count", n)) }
}
