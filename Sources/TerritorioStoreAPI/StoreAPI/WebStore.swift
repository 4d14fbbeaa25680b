/// Everything the web app (`territorio serve`) needs of a store, as one composition of the
/// use-case protocols: both backends (the SpatiaLite ``Store`` and PostGIS) conform.
public typealias WebStore =
    AccountStore & AuditStore & QuarantineReviewStore & SelfReportStore & ServiceEditStore & DirectoryStore
    & TerritoryStore & SurveyStore & RoundStore & AnalysisStore
