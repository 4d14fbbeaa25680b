import TerritorioCore

/// One questionnaire's answers by form field, whatever they come from: a row of a survey export
/// (mapped by ``SurveyColumns/answers(of:)``), a web form or a test fixture. ``SubmissionReader``
/// checks them, so that every source gets the same checks and the same messages.
public struct SurveyAnswers: Sendable {
    /// A select_multiple 0/1 column's answer: the choice, whether it is ticked, and the column.
    public struct Flag: Sendable, Hashable {
        public var value: String
        public var on: Bool
        public var column: String
    }

    /// Field name → the answer as typed (trimmed, never empty). A select_multiple answer is its
    /// choices separated by spaces (values or labels), as Kobo and ODK write them.
    public var values: [String: String]
    /// Per select_multiple field, its 0/1 columns (Kobo's `needs/food`), when the source has them.
    public var flags: [String: [Flag]] = [:]
    /// Per geopoint field, its split parts (latitude, longitude, …), when the source has them.
    public var geo: [String: [SurveyColumns.GeoPart: String]] = [:]
    /// The questionnaire's identity and times: instance id, questionnaire number, source, date.
    public var meta: [SurveyColumns.Meta: String]
    /// What is wrong with the source itself (a row's shape, a 0/1 cell that is neither), as reasons.
    public var problems: [String] = []
    /// Whether the source is a row that repeats the header line (refused with only that reason).
    public var repeatsHeader = false

    /// Answers from a form or a fixture: empty answers are dropped, the others trimmed.
    public init(values: [String: String], meta: [SurveyColumns.Meta: String] = [:]) {
        self.values = Self.cleaned(values)
        self.meta = Self.cleaned(meta)
    }

    /// The reason a row that repeats the header line gets.
    public static let headerRepeated = "this row repeats the header line"

    private static func cleaned<Key: Hashable>(_ dictionary: [Key: String]) -> [Key: String] {
        dictionary.compactMapValues { v in
            let t = SubmissionReader.trim(v)
            return t.isEmpty ? nil : t
        }
    }
}
