import TerritorioStoreAPI

/// The SpatiaLite store serves the web app: its synchronous methods satisfy the web-facing
/// protocols as they are.
extension Store: AccountStore, AuditStore, QuarantineReviewStore, SelfReportStore, ServiceEditStore {}
