/// Closing services, as `import services --replace` does for those its file leaves out. See
/// ``DirectoryStore`` for the role of these protocols.
package protocol DirectoryClosingStore: Sendable {
    /// Removes the services `ids` (unknown ones are skipped), recording each closure in the
    /// directory's history as of `date` (today when nil), all or nothing; returns the ids closed.
    func closeServices(_ ids: [String], source: String, date: String?) async throws -> [String]
}
