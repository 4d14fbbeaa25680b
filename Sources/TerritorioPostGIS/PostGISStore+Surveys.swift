import Foundation
import PostgresNIO
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension PostGISStore: SurveyStore {
    /// How many times an ingest session starts again after a conflict with a concurrent one.
    static let ingestAttempts = 8

    /// The municipalities (codes, names, points, boundaries) survey answers are resolved against.
    /// Point in polygon runs in the app (``MunicipalityResolver``'s prepared GEOS geometries),
    /// as on SpatiaLite: the boundaries are read once per file, not once per row. Measured faster
    /// than an `ST_Contains` join in the database (docs/postgis.md).
    public func municipalityResolver() async throws -> MunicipalityResolver {
        let records = try await municipalities(consortiumOnly: false, withShapes: true)
        return try MunicipalityResolver(
            municipalities: records.map {
                .init(
                    code: $0.code, name: $0.name, inConsortium: $0.inConsortium,
                    representativePoint: $0.representativePoint)
            },
            shapes: records.compactMap { r in r.shape.map { (id: r.code, shape: $0) } })
    }

    /// One ingest in one SERIALIZABLE transaction on one pooled connection. When a concurrent
    /// session conflicts with it (the server reports a serialization failure, a deadlock or a
    /// key stored meanwhile), everything is rolled back and `body` runs again from the start, up
    /// to ``ingestAttempts`` times: the sessions end as if they had run one after the other, so
    /// none loses or doubles a row.
    public func ingestSession<T: Sendable>(_ body: @escaping (any SubmissionLedger) throws -> (T, commit: Bool))
        async throws
        -> T
    {
        var attempt = 1
        while true {
            do {
                return try await ingestOnce(body)
            } catch let error as PSQLError {
                guard attempt < Self.ingestAttempts && Self.isConflict(error) else {
                    throw PostGISError.refused(location: location, reason: PostGISError.reason(error))
                }
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 20...80) * attempt))
            }
        }
    }

    private func ingestOnce<T: Sendable>(_ body: @escaping (any SubmissionLedger) throws -> (T, commit: Bool))
        async throws -> T
    {
        let work = UncheckedTransfer(body)
        return try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: Self.logger)
            do {
                let (value, commit) = try await Self.onOwnThread(work, ledger: PostGISLedger(connection))
                try await connection.query(commit ? "COMMIT" : "ROLLBACK", logger: Self.logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }

    /// Runs `body` on a thread of its own: the ledger waits for the server there, never on one
    /// of the few threads Swift's tasks share (which the session's own commit may need).
    private static func onOwnThread<T: Sendable>(
        _ body: UncheckedTransfer<(any SubmissionLedger) throws -> (T, commit: Bool)>, ledger: PostGISLedger
    ) async throws -> (T, Bool) {
        let work = UncheckedTransfer((body.value, ledger))
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        let (body, ledger) = work.value
                        let (value, commit) = try body(ledger)
                        try ledger.flush()
                        return (value, commit)
                    })
            }
            thread.start()
        }
    }

    /// Whether `error` is a conflict with a concurrent transaction, which a new attempt resolves.
    static func isConflict(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return ["40001", "40P01", "23505"].contains(state)
    }

    /// The quarantined rows (of one batch, or all), oldest first.
    public func quarantinedRows(batch: Int64?) async throws -> [QuarantinedRow] {
        try await read { db in
            try await db.rows(Self.visible(batch: batch, id: nil, to: nil)).map(Self.quarantined)
        }
    }

    /// Empties the quarantine, or deletes the entries `ids`; returns how many were deleted.
    public func clearQuarantine(ids: [Int64]?) async throws -> Int {
        try await write { db in
            try await db.rows(
                """
                WITH gone AS (DELETE FROM quarantine WHERE \(ids == nil) OR id = ANY(\(ids ?? [])) RETURNING 1)
                SELECT count(*)::int FROM gone
                """
            )[0][0].decode(Int.self)
        }
    }
}
