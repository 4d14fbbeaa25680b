import TerritorioIO

extension SubmissionWriter {
    /// Whether ``add(_:row:token:hash:)`` can refuse `submission` (`.rejected`): only a paper
    /// questionnaire is refused here (another questionnaire with its number, a correction of
    /// nothing); a Kobo/ODK version never is (it is kept, archived or counted). The ingest keeps
    /// a row's cells for the quarantine only when this says so.
    package static func mayRefuse(_ submission: Submission) -> Bool { paper(submission) != nil }
}
