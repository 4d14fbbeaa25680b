import Foundation
import PostgresNIO
import TerritorioCore

extension PostGISStore {
    /// Replaces the taxonomy's labels and descriptions and adds new categories, in one
    /// transaction. A category still used by a service cannot be removed.
    public func importCategories(_ categories: [Category], source: String) async throws {
        try await write { db in try await Self.writeCategories(categories, on: db, source: source) }
    }

    /// The body of ``importCategories(_:source:)``, inside the caller's transaction.
    static func writeCategories(_ categories: [Category], on db: PostgresConnection, source: String) async throws {
        let used = Set(try await db.column("SELECT DISTINCT category_code FROM service_category", as: String.self))
        let removed = used.subtracting(categories.map(\.code))
        guard removed.isEmpty else { throw Category.stillUsed(removed, source: source) }
        let existing = Set(try await db.column("SELECT code FROM category", as: String.self))
        try await db.run("DELETE FROM category WHERE code <> ALL(\(categories.map(\.code)))")
        for (i, c) in categories.enumerated() {
            let l = Category.languages.map { c.labels[$0] }
            let d = Category.languages.map { c.descriptions[$0] }
            try await db.run(
                """
                INSERT INTO category (code, position, label_it, label_en, label_fr, label_ar,
                                      description_it, description_en, description_fr, description_ar)
                VALUES (\(c.code), \(i), \(l[0]), \(l[1]), \(l[2]), \(l[3]), \(d[0]), \(d[1]), \(d[2]), \(d[3]))
                ON CONFLICT (code) DO UPDATE SET position = excluded.position,
                    label_it = excluded.label_it, label_en = excluded.label_en, label_fr = excluded.label_fr,
                    label_ar = excluded.label_ar, description_it = excluded.description_it,
                    description_en = excluded.description_en, description_fr = excluded.description_fr,
                    description_ar = excluded.description_ar
                """)
        }
        try await db.logImport(
            kind: "categories", source: source,
            added: categories.filter { !existing.contains($0.code) }.count,
            updated: categories.filter { existing.contains($0.code) }.count,
            unchanged: 0, note: nil)
    }

    /// The taxonomy, in its file's order.
    public func categories() async throws -> [Category] {
        try await read { try await Self.fetchCategories($0) }
    }

    static func fetchCategories(_ db: PostgresConnection) async throws -> [Category] {
        try await db.rows(
            """
            SELECT code, label_it, label_en, label_fr, label_ar, description_it, description_en, description_fr,
                   description_ar
            FROM category ORDER BY position
            """
        ).map { row in
            var c = Category(code: try row[0].decode(String.self), labels: [:], descriptions: [:])
            for (i, l) in Category.languages.enumerated() {
                c.labels[l] = try row[1 + i].decode(String.self)
                c.descriptions[l] = try row[5 + i].decode(String?.self)
            }
            return c
        }
    }

    /// Inserts or updates (by id) `services`, in one transaction; identical ones are left alone.
    public func importServices(_ services: [Service], source: String) async throws -> ServiceImportReport {
        try await write { db in
            let report = try await Self.upsertServices(services, on: db, source: source)
            try await db.logImport(
                kind: "services", source: source, added: report.added.count,
                updated: report.updated.count, unchanged: report.unchanged.count, note: nil)
            return report
        }
    }

    /// Adds or updates (by id) `services` with their history, inside the caller's transaction.
    static func upsertServices(_ services: [Service], on db: PostgresConnection, source: String) async throws
        -> ServiceImportReport
    {
        let stored = Dictionary(uniqueKeysWithValues: try await Self.fetchServices(db).map { ($0.id, $0) })
        let (report, changed) = ServiceImportReport.plan(services, stored: stored)
        let recorded = try await db.rows("SELECT count(*)::int FROM service_history")[0][0].decode(Int.self)
        let history = ServiceChange.recorded(
            changed, stored: stored, baseline: stored.isEmpty && recorded == 0, source: source)
        for change in history { try await Self.record(change, on: db) }
        for s in changed { try await Self.upsert(s, on: db) }
        return report
    }

    static func upsert(_ s: Service, on db: PostgresConnection) async throws {
        let languages = s.languages.joined(separator: ";")
        try await db.run(
            """
            INSERT INTO service (id, name, organization, address, postal_code, municipality_code, location_approximate,
                                 phone, email, website, opening_hours, languages, eligibility, capacity, verified,
                                 last_updated, source, geom)
            VALUES (\(s.id), \(s.name), \(s.organization), \(s.address), \(s.postalCode), \(s.municipality),
                    \(s.locationApproximate), \(s.phone), \(s.email), \(s.website), \(s.openingHours), \(languages),
                    \(s.eligibility), \(s.capacity), \(s.verified), \(s.lastUpdated), \(s.source),
                    ST_GeomFromWKB(\(WKB.encode(s.location)), 4326))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, organization = excluded.organization,
                address = excluded.address, postal_code = excluded.postal_code,
                municipality_code = excluded.municipality_code, location_approximate = excluded.location_approximate,
                phone = excluded.phone, email = excluded.email, website = excluded.website,
                opening_hours = excluded.opening_hours, languages = excluded.languages,
                eligibility = excluded.eligibility, capacity = excluded.capacity, verified = excluded.verified,
                last_updated = excluded.last_updated, source = excluded.source, geom = excluded.geom,
                updated_at = \(unescaped: PostGISSchema.now)
            """)
        try await db.run("DELETE FROM service_category WHERE service_id = \(s.id)")
        try await db.run(
            """
            INSERT INTO service_category (service_id, category_code) SELECT \(s.id), unnest(\(s.categories))
            """)
    }

    /// Every service, by id.
    public func services() async throws -> [Service] {
        try await read { try await Self.fetchServices($0) }
    }

    /// Every service, or only the one `id` names.
    static func fetchServices(_ db: PostgresConnection, id only: String? = nil) async throws -> [Service] {
        var categories: [String: [String]] = [:]
        let categoryRows = try await db.rows(
            """
            SELECT service_id, category_code FROM service_category
            WHERE \(only)::text IS NULL OR service_id = \(only) ORDER BY category_code
            """)
        for row in categoryRows {
            categories[try row[0].decode(String.self), default: []].append(try row[1].decode(String.self))
        }
        return try await db.rows(
            """
            SELECT id, name, organization, address, postal_code, municipality_code, location_approximate, phone, email,
                   website, opening_hours, languages, eligibility, capacity, verified, last_updated, source,
                   ST_AsBinary(geom)
            FROM service WHERE \(only)::text IS NULL OR id = \(only) ORDER BY id
            """
        ).map { row in
            func text(_ i: Int) throws -> String? { try row[i].decode(String?.self) }
            let id = try row[0].decode(String.self)
            return Service(
                id: id, name: try row[1].decode(String.self), organization: try text(2),
                categories: categories[id] ?? [], address: try text(3), postalCode: try text(4),
                municipality: try text(5), location: try WKB.decodePoint(try row[17].decode(Data.self)),
                locationApproximate: try row[6].decode(Bool.self), phone: try text(7), email: try text(8),
                website: try text(9), openingHours: try text(10),
                languages: try row[11].decode(String.self).split(separator: ";").map(String.init),
                eligibility: try text(12), capacity: try row[13].decode(Double?.self),
                verified: try row[14].decode(Bool.self), lastUpdated: try text(15), source: try text(16))
        }
    }
}
