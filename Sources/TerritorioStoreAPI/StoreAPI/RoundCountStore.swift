/// How many submissions each survey round holds, as `territorio round list` shows it. See
/// ``DirectoryStore`` for the role of these protocols.
package protocol RoundCountStore: Sendable {
    /// Submissions per round (by the batch's round, else by date), and those in none.
    func roundCounts() async throws -> (perRound: [String: Int], outside: Int)
}
