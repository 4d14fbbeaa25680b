import ArgumentParser

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Survey rounds: named periods (e.g. 2026-autunno) that batches of survey results belong to.",
        discussion: """
            A batch belongs to the round chosen with `ingest --round NAME`, else each submission to \
            the round whose dates hold its date. Reports can then cover one round (`report gaps \
            --round R`), a range (`--from R1 --to R2`), or compare two (`report changes`).
            """,
        subcommands: [RoundListCommand.self, RoundAddCommand.self])
}
