/// One questionnaire's answers as ``SubmissionReader`` asks for them, field by field: answers
/// given by name (``SurveyAnswers``: a web form, a fixture) or a row of an export read in place
/// by column position (``RowAnswers``). Both give the same values, so the reader's checks and
/// messages do not depend on where the answers come from.
package protocol AnswerSource {
    /// Whether the source is a row that repeats the header line.
    var repeatsHeader: Bool { get }
    /// What is wrong with the source itself (a row's shape, a 0/1 cell that is neither).
    var problems: [String] { get }
    /// The answer to `field` as typed (trimmed), nil when it is empty or absent.
    func answer(_ field: String) -> String?
    /// The 0/1 columns of a select_multiple field, in column order.
    func choiceFlags(_ field: String) -> [SurveyAnswers.Flag]
    /// A split part (latitude, longitude…) of a geopoint field, trimmed, nil when empty or absent.
    func geoPart(_ field: String, _ part: SurveyColumns.GeoPart) -> String?
    /// A metadata value (instance id, questionnaire number, date…), trimmed, nil when empty or absent.
    func metaValue(_ m: SurveyColumns.Meta) -> String?
}

extension SurveyAnswers: AnswerSource {
    package func answer(_ field: String) -> String? { values[field] }
    package func choiceFlags(_ field: String) -> [Flag] { flags[field] ?? [] }
    package func geoPart(_ field: String, _ part: SurveyColumns.GeoPart) -> String? { geo[field]?[part] }
    package func metaValue(_ m: SurveyColumns.Meta) -> String? { meta[m] }
}
