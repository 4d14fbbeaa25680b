import Foundation
import TerritorioCore

extension HSDSExport {
    /// The rows of every table of the package, built service by service.
    package struct Rows {
        package var tables = Dictionary(uniqueKeysWithValues: HSDSExport.tables().map { ($0.name, $0) })
        package var organizations: Set<String> = []

        package mutating func add(_ table: String, _ row: [String: String]) { tables[table]!.rows.append(row) }

        /// The taxonomy and one term per category.
        package mutating func addTaxonomy(_ categories: [Category]) {
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
                        "description": c.descriptions["en"] ?? c.label("en"), "taxonomy": "territorio",
                        "language": "en",
                        "taxonomy_id": taxonomyID
                    ])
            }
        }

        /// The service's organisation (once), service, location, address and phone, then its details.
        package mutating func addService(_ s: Service, municipalityNames: [String: (name: String, province: String?)]) {
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
            addDetails(s, serviceID: serviceID, atID: atID)
        }

        /// The service's languages, categories and weekly schedule.
        package mutating func addDetails(_ s: Service, serviceID: String, atID: String) {
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
                for (i, row) in HSDSExport.scheduleRows(hours).enumerated() {
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
    }
}
