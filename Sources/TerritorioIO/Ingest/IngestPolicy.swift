/// What survey ingestion accepts beyond its ordinary checks, as the user chose it on the
/// command line. By default a serious reading: rows about municipalities outside the
/// consortium, dates in the future, and paper rows that would replace another questionnaire
/// with the same number are rejected, each with the option that accepts them.
public struct IngestPolicy: Sendable {
    /// The earliest date accepted anywhere (submission times, questionnaire dates, periods).
    public static let earliestDate = "2000-01-01"

    /// Accept rows about a municipality outside the consortium (`--allow-outside`).
    public var allowOutside = false
    /// Accept dates after today, up to a year ahead (`--allow-future`).
    public var allowFuture = false { didSet { settleLimits() } }
    /// Paper rows whose questionnaire is already stored with other answers correct it (`--correction`).
    public var correction = false
    /// The organisation that collected the paper questionnaires, for files without a `source` column (`--source`).
    public var source: String?
    /// Today (UTC, YYYY-MM-DD).
    public var today: String { didSet { settleLimits() } }
    /// The latest date accepted: tomorrow (time zones), or a year ahead with ``allowFuture``.
    package private(set) var latestDate = ""
    /// The day after today: a later date kept by ``allowFuture`` gets a warning.
    private var tomorrow = ""

    public init(
        allowOutside: Bool = false, allowFuture: Bool = false, correction: Bool = false, source: String? = nil,
        today: String? = nil
    ) {
        self.allowOutside = allowOutside
        self.allowFuture = allowFuture
        self.correction = correction
        self.source = source
        self.today = today ?? SurveyTime.today()
        settleLimits()
    }

    /// Computes the limits once (``checkDate`` runs for every date of a million-row export).
    private mutating func settleLimits() {
        latestDate = SurveyTime.adding(days: allowFuture ? 366 : 1, to: today)
        tomorrow = SurveyTime.adding(days: 1, to: today)
    }

    /// Checks that `date` (YYYY-MM-DD…) of `column` is in range: adds why not to `reasons`, or a
    /// warning for a future date kept by ``allowFuture``; returns whether the date is kept.
    package func checkDate(
        _ date: String, column: String, raw: String,
        reasons: inout [String], warnings: inout [String]
    ) -> Bool {
        let day = date.utf8.count > 10 ? String(date.prefix(10)) : date
        if day < Self.earliestDate {
            reasons.append(IngestMessage.dateTooEarly(column: column, raw: raw, earliest: Self.earliestDate))
        } else if day > latestDate {
            reasons.append(
                allowFuture
                    ? IngestMessage.dateTooLate(column: column, raw: raw, latest: latestDate)
                    : IngestMessage.dateInFuture(column: column, raw: raw, today: today))
        } else {
            if day > tomorrow {
                warnings.append(IngestMessage.futureKept(column: column, raw: raw, today: today))
            }
            return true
        }
        return false
    }
}
