import Foundation
import GRDB
import Testing

@testable import TerritorioCore
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioStore

/// A large ingest sets the survey tables' unread indexes and SpatiaLite's per-row triggers
/// aside and rebuilds them at the end (``BulkLoad``): it must store exactly what a row-by-row
/// ingest stores and leave the schema as it found it.
@Suite("Bulk load of a survey export")
struct BulkLoadTests {
    /// Ingests `path` into `store` in one bulk-load transaction.
    static func bulkIngest(_ path: String, into store: Store, options: SurveyIngest.Options = .init()) throws
        -> IngestSummary
    {
        let plan = try SurveyIngest.plan(
            path: path, forms: try SurveyIngest.forms(store), categories: Set(try store.categories().map(\.code)),
            resolver: try SurveyIngest.resolver(store), options: options)
        return try store.ingestSession(bulk: true) { ledger in
            try SurveyIngest.run(plan, path: path, options: options, progress: nil, ledger: ledger)
        }.0
    }

    /// The stored submissions and need reports, row by row.
    static func contents(_ store: Store) throws -> [String] {
        try store.read { db in
            let submissions = try Row.fetchAll(
                db,
                sql: """
                    SELECT uuid, form, municipality_code, submitted_at, urgency, barriers, languages, household_size,
                           age_group, content_hash, source_row, hex(geom), instance_id, version_time
                    FROM submission ORDER BY uuid
                    """)
            let needs = try Row.fetchAll(db, sql: "SELECT * FROM need_report ORDER BY 1, 2")
            return (submissions + needs).map(\.description)
        }
    }

    /// The survey tables' indexes and triggers.
    static func schema(_ store: Store) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('submission', 'need_report')
                    ORDER BY name
                    """
            ).map(\.description)
        }
    }

    @Test("a bulk load stores what a row-by-row ingest stores, and rebuilds what it set aside")
    func sameRowsSameSchema() throws {
        let plain = try Fixture.demoStore()
        let bulk = try Fixture.demoStore()
        let schema = try Self.schema(bulk)
        #expect(schema.contains { $0.contains("need_report_category") } && schema.contains { $0.contains("ggi_") })
        for path in EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData) {
            let a = try SurveyIngest.ingest(path: path, into: plain).0
            let b = try Self.bulkIngest(path, into: bulk)
            let counts: [Int] = [a.rows, a.accepted, a.rejected, a.duplicates, a.conflicts]
            #expect(counts == [b.rows, b.accepted, b.rejected, b.duplicates, b.conflicts])
            #expect(a.accepted > 0)
        }
        #expect(try Self.contents(plain) == Self.contents(bulk))
        #expect(try Self.schema(bulk) == schema)
        let checks = try bulk.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try String.fetchOne(
                    db, sql: "SELECT last_insert FROM geometry_columns_time WHERE f_table_name = 'submission'")
            )
        }
        #expect(checks.0 == "ok")
        #expect(checks.1 != nil, "the time of the last insert is recorded")
    }

    @Test("the same export loaded twice in bulk is stored once; a dry run leaves nothing")
    func twiceAndDryRun() throws {
        let store = try Fixture.demoStore()
        let kobo = EmbeddedDefault.sampleSurveys(geoData: Fixture.geoData)[0]
        let schema = try Self.schema(store)
        let dry = try Self.bulkIngest(kobo, into: store, options: .init(dryRun: true))
        #expect(dry.accepted == 160)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM submission") } == 0)
        #expect(try Self.schema(store) == schema, "the rollback restores the indexes and triggers")
        #expect(try Self.bulkIngest(kobo, into: store).accepted == 160)
        let again = try Self.bulkIngest(kobo, into: store)
        #expect(again.accepted == 0 && again.duplicates == 160)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM submission") } == 160)
    }

    @Test("a bulk load is chosen for a large file compared with what is stored")
    func when() {
        #expect(BulkLoad.pays(fileBytes: 400 << 20, stored: 0))
        #expect(BulkLoad.pays(fileBytes: 400 << 20, stored: 1_000_000))
        #expect(!BulkLoad.pays(fileBytes: 1 << 20, stored: 0), "a small file")
        #expect(!BulkLoad.pays(fileBytes: 40 << 20, stored: 1_000_000), "a large store")
    }
}
