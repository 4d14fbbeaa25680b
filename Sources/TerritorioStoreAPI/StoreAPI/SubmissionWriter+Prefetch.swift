import TerritorioIO

extension SubmissionWriter {
    /// Tells the ledger which stored versions the next submissions (in the order they will be
    /// added) look up: their keys, and the edited instance ids of Kobo/ODK versions.
    package func prefetch(_ submissions: [Submission]) throws {
        guard !submissions.isEmpty else { return }
        try ledger.prefetch(
            uuids: submissions.map(\.uuid),
            instanceIDs: submissions.compactMap { $0.version.questionnaire == nil ? $0.version.deprecatedID : nil })
    }
}
