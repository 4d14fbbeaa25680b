import Foundation
import GRDB
import TerritorioCore
import TerritorioIO
import TerritorioStoreAPI

extension Store {
    /// Replaces the taxonomy's labels and descriptions and adds new categories, in one
    /// transaction. A category still used by a service cannot be removed.
    public func importCategories(_ categories: [Category], source: String) throws {
        try write { db in try Self.writeCategories(db, categories, source: source) }
    }

    /// Adds `category` at the end of the taxonomy, or replaces the labels and descriptions of the
    /// category with its code (a rename: the code stays), as an import would; audited.
    public func saveCategory(_ category: Category, by account: AccountRecord) throws {
        try write { db in
            let (all, action) = Category.saving(category, in: try Self.fetchCategories(db))
            try Self.writeCategories(db, all, source: "web app: \(account.name)")
            try Self.audit(db, account: account.id, action: action, object: "category \(category.code)")
        }
    }

    /// The body of ``importCategories(_:source:)``, inside the caller's transaction.
    static func writeCategories(_ db: Database, _ categories: [Category], source: String) throws {
        let used = Set(try String.fetchAll(db, sql: "SELECT DISTINCT category_code FROM service_category"))
        let removed = used.subtracting(categories.map(\.code))
        guard removed.isEmpty else { throw Category.stillUsed(removed, source: source) }
        let existing = Set(try String.fetchAll(db, sql: "SELECT code FROM category"))
        try db.execute(
            sql: "DELETE FROM category WHERE code NOT IN (SELECT value FROM json_each(?))",
            arguments: [try JSONOutput.line(categories.map(\.code))])
        let upsert = try db.makeStatement(
            sql: """
                INSERT INTO category (code, position, label_it, label_en, label_fr, label_ar,
                                      description_it, description_en, description_fr, description_ar)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET position = excluded.position,
                    label_it = excluded.label_it, label_en = excluded.label_en, label_fr = excluded.label_fr, label_ar = excluded.label_ar,
                    description_it = excluded.description_it, description_en = excluded.description_en,
                    description_fr = excluded.description_fr, description_ar = excluded.description_ar
                """)
        for (i, c) in categories.enumerated() {
            var args: [(any DatabaseValueConvertible)?] = [c.code, i]
            args += Category.languages.map { c.labels[$0] }
            args += Category.languages.map { c.descriptions[$0] }
            try upsert.execute(arguments: StatementArguments(args))
        }
        try ImportLog.record(
            db, kind: "categories", source: source,
            added: categories.filter { !existing.contains($0.code) }.count,
            updated: categories.filter { existing.contains($0.code) }.count, unchanged: 0, note: nil)
    }

    /// The taxonomy, in its file order.
    public func categories() throws -> [Category] {
        try read { try Self.fetchCategories($0) }
    }

    static func fetchCategories(_ db: Database) throws -> [Category] {
        try Row.fetchAll(db, sql: "SELECT * FROM category ORDER BY position").map { row in
            var c = Category(code: row["code"], labels: [:], descriptions: [:])
            for l in Category.languages {
                c.labels[l] = row["label_\(l)"]
                c.descriptions[l] = row["description_\(l)"]
            }
            return c
        }
    }

    /// What service records are checked against: categories, municipalities and their shapes.
    public func directoryContext() throws -> DirectoryContext {
        let categories = try read { db in Set(try String.fetchAll(db, sql: "SELECT code FROM category")) }
        return DirectoryContext(categories: categories, resolver: try municipalityResolver())
    }

    /// The municipalities of the database (with their boundaries and representative points),
    /// for resolving the codes, names and points of services and survey answers.
    public func municipalityResolver() throws -> MunicipalityResolver {
        let (municipalities, shapes) = try read { db in
            var municipalities: [MunicipalityResolver.Municipality] = []
            var shapes: [(id: String, shape: MultiPolygon)] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT code, name, in_consortium, X(rep_point), Y(rep_point), AsBinary(geom) FROM municipality
                    """)
            while let row = try rows.next() {
                let x: Double? = row[3]
                let y: Double? = row[4]
                let point = x.flatMap { x in y.map { Coordinate(lon: x, lat: $0) } }
                municipalities.append(
                    .init(
                        code: row[0], name: row[1], inConsortium: row[2],
                        representativePoint: point))
                shapes.append((row[0], try WKB.decodeMultiPolygon(row[5])))
            }
            return (municipalities, shapes)
        }
        return try MunicipalityResolver(municipalities: municipalities, shapes: shapes)
    }

    /// Inserts or updates (by id) `services`, in one transaction; identical ones are left alone.
    @discardableResult
    public func importServices(_ services: [Service], source: String) throws -> ServiceImportReport {
        try write { db in
            let report = try Self.upsertServices(db, services, source: source)
            try ImportLog.record(
                db, kind: "services", source: source, added: report.added.count,
                updated: report.updated.count, unchanged: report.unchanged.count, note: nil)
            return report
        }
    }

    /// Inserts or updates (by id) `services` inside the caller's transaction; every change goes
    /// to the directory's history with `source`.
    static func upsertServices(_ db: Database, _ services: [Service], source: String) throws -> ServiceImportReport {
        let stored = Dictionary(uniqueKeysWithValues: try Self.fetchServices(db).map { ($0.id, $0) })
        let upsert = try db.makeStatement(
            sql: """
                INSERT INTO service (id, name, organization, address, postal_code, municipality_code, location_approximate,
                                     phone, email, website, opening_hours, languages, eligibility, capacity, verified,
                                     last_updated, source, geom)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, MakePoint(?, ?, 4326))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, organization = excluded.organization,
                    address = excluded.address, postal_code = excluded.postal_code, municipality_code = excluded.municipality_code,
                    location_approximate = excluded.location_approximate, phone = excluded.phone, email = excluded.email,
                    website = excluded.website, opening_hours = excluded.opening_hours, languages = excluded.languages,
                    eligibility = excluded.eligibility, capacity = excluded.capacity, verified = excluded.verified,
                    last_updated = excluded.last_updated, source = excluded.source, geom = excluded.geom,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                """)
        let clearCategories = try db.makeStatement(sql: "DELETE FROM service_category WHERE service_id = ?")
        let addCategory = try db.makeStatement(
            sql: "INSERT INTO service_category (service_id, category_code) VALUES (?, ?)")
        var report = ServiceImportReport()
        // The first import into an empty directory is its starting point, not a set of openings.
        let recorded = try Int.fetchOne(db, sql: "SELECT count(*) FROM service_history") ?? 0
        let baseline = stored.isEmpty && recorded == 0
        for s in services {
            guard report.file(s.id, old: stored[s.id], new: s) else { continue }
            if let change = ServiceChange.between(
                stored[s.id], s,
                effective: baseline
                    ? DirectoryHistory.baseline
                    : Self.effectiveDate(old: stored[s.id], new: s),
                source: source)
            {
                try Self.recordChange(db, change)
            }
            let args: [(any DatabaseValueConvertible)?] = [
                s.id, s.name, s.organization, s.address, s.postalCode, s.municipality, s.locationApproximate,
                s.phone, s.email, s.website, s.openingHours, s.languages.joined(separator: ";"), s.eligibility,
                s.capacity, s.verified, s.lastUpdated, s.source, s.location.lon, s.location.lat
            ]
            try upsert.execute(arguments: StatementArguments(args))
            try clearCategories.execute(arguments: [s.id])
            for c in s.categories { try addCategory.execute(arguments: [s.id, c]) }
        }
        return report
    }

    /// Every service, by id.
    public func services() throws -> [Service] {
        try read { try Self.fetchServices($0) }
    }

    /// The service `id`, or nil when there is none.
    public func service(id: String) throws -> Service? {
        try read { try Self.fetchServices($0, only: id).first }
    }

    /// Every service, or only the one `only` names.
    static func fetchServices(_ db: Database, only id: String? = nil) throws -> [Service] {
        var categories: [String: [String]] = [:]
        let links = try FastStatement(
            db,
            sql: """
                SELECT service_id, category_code FROM service_category WHERE ?1 IS NULL OR service_id = ?1
                ORDER BY category_code
                """)
        links.bind(1, id)
        try links.forEachRow { categories[links.text(0) ?? "", default: []].append(links.text(1) ?? "") }
        // Columns by position through the C API (no GRDB rows): this runs for every service of a
        // national directory.
        let statement = try FastStatement(
            db,
            sql: """
                SELECT id, name, organization, address, postal_code, municipality_code, location_approximate, phone, email, website,
                       opening_hours, languages, eligibility, capacity, verified, last_updated, source, X(geom), Y(geom)
                FROM service WHERE ?1 IS NULL OR id = ?1 ORDER BY id
                """)
        statement.bind(1, id)
        var services: [Service] = []
        try statement.forEachRow {
            let r = statement
            let id = r.text(0) ?? ""
            services.append(
                Service(
                    id: id, name: r.text(1) ?? "", organization: r.text(2), categories: categories[id] ?? [],
                    address: r.text(3), postalCode: r.text(4), municipality: r.text(5),
                    location: Coordinate(lon: r.double(17) ?? 0, lat: r.double(18) ?? 0),
                    locationApproximate: (r.int(6) ?? 0) != 0, phone: r.text(7), email: r.text(8), website: r.text(9),
                    openingHours: r.text(10), languages: (r.text(11) ?? "").split(separator: ";").map(String.init),
                    eligibility: r.text(12), capacity: r.double(13), verified: (r.int(14) ?? 0) != 0,
                    lastUpdated: r.text(15), source: r.text(16)))
        }
        return services

    }
}
