/// One column of a quarantined row's correction form.
struct CorrectionColumn {
    /// The column's name in the export (what the corrected CSV's header says).
    var name: String
    /// The question, in the page's language (the column name when it is not a question).
    var label: String
    var value: String
    /// Whether a reason names this column or its question.
    var bad: Bool
}
