import Foundation

/// The service directory as an Open Referral HSDS 3.0 tabular data package: one CSV per
/// table and a `datapackage.json` describing them (Frictionless Data), which
/// `frictionless validate datapackage.json` checks.
///
/// Ids are deterministic UUIDs derived from territorio's ids (the service id is kept as the
/// location's `external_identifier`). Services are classified with the taxonomy through
/// `attribute` rows; opening hours become weekly `schedule` rows (RFC 5545 `byday`).
public enum HSDSExport {
    /// One field of a table: name, Table Schema type, and constraints.
    struct Field {
        var name: String
        var type = "string"
        var required = false
        var format: String?
        var values: [String]?
    }

    struct Table {
        var name: String
        var path: String
        var fields: [Field]
        var foreignKeys: [(field: String, table: String)]
        var rows: [[String: String]] = []
    }

    static func id(_ name: String) -> Field { Field(name: name, required: name == "id", format: "uuid") }
    static func text(_ name: String, required: Bool = false) -> Field { Field(name: name, required: required) }

    static func tables() -> [Table] {
        [
            Table(
                name: "organization", path: "organizations.csv",
                fields: [
                    id("id"), text("name", required: true), text("alternate_name"), text("description", required: true),
                    Field(name: "email", format: "email"), Field(name: "website", format: "uri"),
                    Field(name: "year_incorporated", type: "number"),
                    text("legal_status"), Field(name: "uri", format: "uri")
                ], foreignKeys: []),
            Table(
                name: "service", path: "services.csv",
                fields: [
                    id("id"), Field(name: "organization_id", required: true, format: "uuid"),
                    text("name", required: true), text("alternate_name"),
                    text("description"), Field(name: "url", format: "uri"), Field(name: "email", format: "email"),
                    Field(
                        name: "status", required: true, values: ["active", "inactive", "defunct", "temporarily closed"]),
                    text("interpretation_services"), text("application_process"), text("fees_description"),
                    text("accreditations"),
                    text("eligibility_description"), Field(name: "assured_date", type: "date"), text("alert")
                ], foreignKeys: [("organization_id", "organization")]),
            Table(
                name: "location", path: "locations.csv",
                fields: [
                    id("id"), Field(name: "location_type", required: true, values: ["physical", "postal", "virtual"]),
                    Field(name: "url", format: "uri"), id("organization_id"), text("name"), text("alternate_name"),
                    text("description"),
                    text("transportation"), Field(name: "latitude", type: "number"),
                    Field(name: "longitude", type: "number"),
                    text("external_identifier"), text("external_identifier_type")
                ], foreignKeys: [("organization_id", "organization")]),
            Table(
                name: "service_at_location", path: "service_at_location.csv",
                fields: [
                    id("id"), Field(name: "service_id", required: true, format: "uuid"),
                    Field(name: "location_id", required: true, format: "uuid"),
                    text("description")
                ], foreignKeys: [("service_id", "service"), ("location_id", "location")]),
            Table(
                name: "address", path: "addresses.csv",
                fields: [
                    id("id"), id("location_id"), text("attention"), text("address_1", required: true),
                    text("address_2"),
                    text("city", required: true), text("region"), text("state_province", required: true),
                    text("postal_code", required: true), text("country", required: true),
                    Field(name: "address_type", required: true, values: ["physical", "postal", "virtual"])
                ], foreignKeys: [("location_id", "location")]),
            Table(
                name: "phone", path: "phones.csv",
                fields: [
                    id("id"), id("location_id"), id("service_id"), id("organization_id"),
                    text("number", required: true),
                    Field(name: "extension", type: "number"), text("type"), text("description")
                ],
                foreignKeys: [
                    ("location_id", "location"), ("service_id", "service"), ("organization_id", "organization")
                ]),
            Table(
                name: "schedule", path: "schedules.csv",
                fields: [
                    id("id"), id("service_id"), id("location_id"), id("service_at_location_id"),
                    Field(name: "valid_from", type: "date"), Field(name: "valid_to", type: "date"),
                    Field(name: "wkst", values: ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
                    Field(name: "freq", values: ["WEEKLY", "MONTHLY"]), Field(name: "interval", type: "number"),
                    text("byday"), text("description"), Field(name: "opens_at", type: "time"),
                    Field(name: "closes_at", type: "time"),
                    text("notes")
                ],
                foreignKeys: [
                    ("service_id", "service"), ("location_id", "location"),
                    ("service_at_location_id", "service_at_location")
                ]),
            Table(
                name: "language", path: "languages.csv",
                fields: [
                    id("id"), id("service_id"), id("location_id"), id("phone_id"), text("name"), text("code"),
                    text("note")
                ], foreignKeys: [("service_id", "service"), ("location_id", "location"), ("phone_id", "phone")]),
            Table(
                name: "taxonomy", path: "taxonomies.csv",
                fields: [
                    id("id"), text("name", required: true), text("description", required: true),
                    Field(name: "uri", format: "uri"), text("version")
                ], foreignKeys: []),
            Table(
                name: "taxonomy_term", path: "taxonomy_terms.csv",
                fields: [
                    id("id"), text("code"), text("name", required: true), text("description", required: true),
                    id("parent_id"),
                    text("taxonomy"), text("language"), id("taxonomy_id"), Field(name: "term_uri", format: "uri")
                ], foreignKeys: [("taxonomy_id", "taxonomy")]),
            Table(
                name: "attribute", path: "attributes.csv",
                fields: [
                    id("id"), Field(name: "link_id", required: true, format: "uuid"),
                    Field(name: "taxonomy_term_id", required: true, format: "uuid"),
                    text("link_type"), text("link_entity", required: true), text("value")
                ], foreignKeys: [("taxonomy_term_id", "taxonomy_term")])
        ]
    }

    /// Writes the package into `directory` (created if needed). Each file is written atomically.
    public static func write(
        services: [Service], categories: [Category], municipalityNames: [String: (name: String, province: String?)],
        to directory: String
    ) throws {
        var tables = Dictionary(uniqueKeysWithValues: tables().map { ($0.name, $0) })
        func add(_ table: String, _ row: [String: String]) { tables[table]!.rows.append(row) }

        let taxonomyID = StableUUID.make("taxonomy", "territorio")
        add(
            "taxonomy",
            [
                "id": taxonomyID, "name": "territorio needs and services",
                "description":
                    "The shared taxonomy of needs and services of the territorio toolkit (labels in Italian, English, French and Arabic in GeoData/categories.csv).",
                "version": "1"
            ])
        for c in categories {
            add(
                "taxonomy_term",
                [
                    "id": StableUUID.make("category", c.code), "code": c.code, "name": c.label("en"),
                    "description": c.descriptions["en"] ?? c.label("en"), "taxonomy": "territorio", "language": "en",
                    "taxonomy_id": taxonomyID
                ])
        }
        var organizations: Set<String> = []
        for s in services {
            let organization = s.organization ?? s.name
            let organizationID = StableUUID.make("organization", organization)
            if organizations.insert(organization).inserted {
                add(
                    "organization",
                    [
                        "id": organizationID, "name": organization,
                        "description": "\(organization): listed in the territorio service directory."
                    ])
            }
            let serviceID = StableUUID.make("service", s.id)
            let locationID = StableUUID.make("location", s.id)
            let atID = StableUUID.make("service_at_location", s.id)
            add(
                "service",
                [
                    "id": serviceID, "organization_id": organizationID, "name": s.name, "url": s.website ?? "",
                    "email": s.email ?? "", "status": "active", "eligibility_description": s.eligibility ?? "",
                    "interpretation_services": s.languages.isEmpty
                        ? "" : "Languages spoken: " + s.languages.joined(separator: ", "),
                    "assured_date": s.verified ? (s.lastUpdated ?? "") : "",
                    "alert": s.verified ? "" : "Illustrative entry, not verified."
                ])
            add(
                "location",
                [
                    "id": locationID, "location_type": "physical", "organization_id": organizationID, "name": s.name,
                    "latitude": "\(s.location.lat)", "longitude": "\(s.location.lon)",
                    "description": s.locationApproximate ? "Approximate position: the municipality's centre." : "",
                    "external_identifier": s.id, "external_identifier_type": "territorio service id"
                ])
            add("service_at_location", ["id": atID, "service_id": serviceID, "location_id": locationID])
            if let address = s.address, let postal = s.postalCode,
                let m = s.municipality.flatMap({ municipalityNames[$0] })
            {
                add(
                    "address",
                    [
                        "id": StableUUID.make("address", s.id), "location_id": locationID, "address_1": address,
                        "city": m.name, "state_province": m.province ?? "", "postal_code": postal, "country": "IT",
                        "address_type": "physical"
                    ])
            }
            if let phone = s.phone {
                add(
                    "phone",
                    ["id": StableUUID.make("phone", s.id), "service_id": serviceID, "number": phone, "type": "voice"])
            }
            for code in s.languages {
                add(
                    "language",
                    [
                        "id": StableUUID.make("language", s.id + "/" + code), "service_id": serviceID,
                        "code": code, "name": Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code
                    ])
            }
            for c in s.categories {
                add(
                    "attribute",
                    [
                        "id": StableUUID.make("attribute", s.id + "/" + c), "link_id": serviceID,
                        "taxonomy_term_id": StableUUID.make("category", c), "link_type": "service_category",
                        "link_entity": "service"
                    ])
            }
            if let text = s.openingHours, let hours = try? OpeningHours.parse(text) {
                for (i, row) in scheduleRows(hours).enumerated() {
                    add(
                        "schedule",
                        [
                            "id": StableUUID.make("schedule", "\(s.id)/\(i)"), "service_id": serviceID,
                            "service_at_location_id": atID, "freq": "WEEKLY", "wkst": "MO", "interval": "1",
                            "byday": row.byday, "opens_at": row.opens, "closes_at": row.closes,
                            "description": text,
                            "notes": hours.closedOnPublicHolidays == true ? "Closed on public holidays." : ""
                        ])
                }
            }
        }

        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ordered = [
            "organization", "service", "location", "service_at_location", "address", "phone", "schedule",
            "language", "taxonomy", "taxonomy_term", "attribute"
        ].map { tables[$0]! }
        for table in ordered {
            let header = table.fields.map(\.name)
            try AtomicFile.write(
                try CSVText.make(header: header, rows: table.rows.map { r in header.map { r[$0] ?? "" } }),
                to: directory + "/" + table.path)
        }
        try AtomicFile.write(datapackage(ordered), to: directory + "/datapackage.json")
    }

    /// Weekly rows: days with the same opening times share a row per time range.
    static func scheduleRows(_ hours: OpeningHours) -> [(byday: String, opens: String, closes: String)] {
        let week = hours.week
        var groups: [[OpeningHours.TimeRange]: [OpeningHours.Weekday]] = [:]
        var order: [[OpeningHours.TimeRange]] = []
        for day in OpeningHours.Weekday.allCases {
            guard let times = week[day] else { continue }
            if groups[times] == nil { order.append(times) }
            groups[times, default: []].append(day)
        }
        func clock(_ minutes: Int) -> String {
            let m = minutes >= 1440 ? (minutes == 1440 ? 1439 : minutes - 1440) : minutes
            return OpeningHours.TimeRange.clock(m) + (minutes == 1440 ? ":59" : ":00")
        }
        return order.flatMap { times in
            times.map { (groups[times]!.map(\.icalName).joined(separator: ","), clock($0.start), clock($0.end)) }
        }
    }

    static func datapackage(_ tables: [Table]) throws -> String {
        let resources: [[String: Any]] = tables.map { t in
            var schema: [String: Any] = [
                "primaryKey": ["id"],
                "fields": t.fields.map { f -> [String: Any] in
                    var field: [String: Any] = ["name": f.name, "type": f.type]
                    if let format = f.format { field["format"] = format }
                    var constraints: [String: Any] = ["required": f.required]
                    if f.name == "id" { constraints["unique"] = true }
                    if let values = f.values { constraints["enum"] = values }
                    field["constraints"] = constraints
                    return field
                }
            ]
            if !t.foreignKeys.isEmpty {
                schema["foreignKeys"] = t.foreignKeys.map {
                    ["fields": [$0.field], "reference": ["resource": $0.table, "fields": ["id"]]]
                }
            }
            return [
                "name": t.name, "path": t.path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "profile": "tabular-data-resource", "schema": schema
            ]
        }
        let package: [String: Any] = [
            "name": "human_services_data", "title": "territorio service directory (Open Referral HSDS 3.0)",
            "profile": "tabular-data-package", "version": "3.0.0",
            "homepage": "http://docs.openreferral.org",
            "resources": resources
        ]
        let data = try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
