import TerritorioCore

/// Answers a service user sent from the public self-report form, waiting in the review queue:
/// checked like any questionnaire, with no identity. They count nowhere until an operator
/// accepts them.
public struct SelfReport: Sendable, Hashable {
    /// The queue entry's number (what the audit log names).
    public var id: Int64
    /// The day it was received (YYYY-MM-DD).
    public var receivedOn: String
    public var submission: Submission

    public init(id: Int64, receivedOn: String, submission: Submission) {
        self.id = id
        self.receivedOn = receivedOn
        self.submission = submission
    }
}
