import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// Entries per page of the audit log.
    static let auditPageSize = 50

    func addAuditRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/audit") { request, _ in try await self.auditPage(request) }
        router.get("/audit.csv") { request, _ in try await self.auditCSV(request) }
    }

    /// The audit log, newest first, a page at a time (`?page=`), for admins only.
    func auditPage(_ request: Request) async throws -> Response {
        let session = try await require(request, [.admin])
        let total = try await store.auditCount()
        let pages = max(1, (total + Self.auditPageSize - 1) / Self.auditPageSize)
        let number = min(pages, max(1, request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1))
        let entries: [[String: Any]] = try await store.auditLog(
            limit: Self.auditPageSize, offset: (number - 1) * Self.auditPageSize
        ).map { ["at": $0.at, "account": $0.account ?? "—", "action": $0.action, "object": $0.object] }
        var extra: [String: Any] = ["entries": entries, "page": "\(number)", "pages": "\(pages)", "total": "\(total)"]
        if number > 1 { extra["previous"] = "\(number - 1)" }
        if number < pages { extra["next"] = "\(number + 1)" }
        return page("audit", request, session: session, titleKey: "audit_log", extra: extra)
    }

    /// The whole audit log as CSV, through the project's CSV writer (cells that a spreadsheet
    /// would run as formulas are neutralised); the export itself is audited.
    func auditCSV(_ request: Request) async throws -> Response {
        let session = try await require(request, [.admin])
        let entries = try await store.auditLog(limit: Int.max, offset: 0)
        let text = try CSVText.make(
            header: ["at", "account", "action", "object"],
            rows: entries.map { [$0.at, $0.account ?? "", $0.action, $0.object] })
        try await store.recordAudit("audit.export", object: "audit log (\(entries.count) entries)", by: session.account)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"audit.csv\""
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
