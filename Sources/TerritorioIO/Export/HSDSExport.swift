import Foundation
import TerritorioCore

/// The service directory as an Open Referral HSDS 3.0 tabular data package: one CSV per
/// table and a `datapackage.json` describing them (Frictionless Data), which
/// `frictionless validate datapackage.json` checks.
///
/// Ids are deterministic UUIDs derived from territorio's ids (the service id is kept as the
/// location's `external_identifier`). Services are classified with the taxonomy through
/// `attribute` rows; opening hours become weekly `schedule` rows (RFC 5545 `byday`).
public enum HSDSExport {
    /// One field of a table: name, Table Schema type, and constraints.
    package struct Field {
        package var name: String
        package var type = "string"
        package var required = false
        package var format: String?
        package var values: [String]?
    }

    package struct Table {
        package var name: String
        package var path: String
        package var fields: [Field]
        package var foreignKeys: [(field: String, table: String)]
        package var rows: [[String: String]] = []
    }

    package static func id(_ name: String) -> Field { Field(name: name, required: name == "id", format: "uuid") }
    package static func text(_ name: String, required: Bool = false) -> Field { Field(name: name, required: required) }

    package static func tables() -> [Table] {
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
        var rows = Rows()
        rows.addTaxonomy(categories)
        for s in services { rows.addService(s, municipalityNames: municipalityNames) }

        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ordered = [
            "organization", "service", "location", "service_at_location", "address", "phone", "schedule",
            "language", "taxonomy", "taxonomy_term", "attribute"
        ].map { rows.tables[$0]! }
        for table in ordered {
            let header = table.fields.map(\.name)
            try AtomicFile.write(
                try CSVText.make(header: header, rows: table.rows.map { r in header.map { r[$0] ?? "" } }),
                to: directory + "/" + table.path)
        }
        try AtomicFile.write(datapackage(ordered), to: directory + "/datapackage.json")
    }

    /// Weekly rows: days with the same opening times share a row per time range.
    package static func scheduleRows(_ hours: OpeningHours) -> [(byday: String, opens: String, closes: String)] {
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

    package static func datapackage(_ tables: [Table]) throws -> String {
        try JSONOutput.text(HSDSDataPackage(tables)) + "\n"
    }
}
