import Foundation

/// A place or desk that answers one or more categories of need, as stored in the directory.
public struct Service: Hashable, Sendable {
    public var id: String
    public var name: String
    public var organization: String?
    /// Category codes, sorted.
    public var categories: [String]
    public var address: String?
    public var postalCode: String?
    /// ISTAT code of the municipality the service is in (or declares).
    public var municipality: String?
    public var location: Coordinate
    /// True when `location` is the municipality's representative point, not the service's own.
    public var locationApproximate: Bool
    public var phone: String?
    public var email: String?
    public var website: String?
    /// Normalised OpenStreetMap `opening_hours` text.
    public var openingHours: String?
    /// ISO 639-1 codes, sorted.
    public var languages: [String]
    public var eligibility: String?
    /// Supply weight in the accessibility analysis; nil = unknown (counts as 1).
    public var capacity: Double?
    public var verified: Bool
    /// `YYYY-MM-DD`.
    public var lastUpdated: String?
    public var source: String?

    /// Every stored property, as given (backends in other modules build this value too).
    public init(
        id: String, name: String, organization: String? = nil, categories: [String], address: String? = nil,
        postalCode: String? = nil, municipality: String? = nil, location: Coordinate,
        locationApproximate: Bool, phone: String? = nil, email: String? = nil, website: String? = nil,
        openingHours: String? = nil, languages: [String], eligibility: String? = nil,
        capacity: Double? = nil, verified: Bool, lastUpdated: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.name = name
        self.organization = organization
        self.categories = categories
        self.address = address
        self.postalCode = postalCode
        self.municipality = municipality
        self.location = location
        self.locationApproximate = locationApproximate
        self.phone = phone
        self.email = email
        self.website = website
        self.openingHours = openingHours
        self.languages = languages
        self.eligibility = eligibility
        self.capacity = capacity
        self.verified = verified
        self.lastUpdated = lastUpdated
        self.source = source
    }

    /// The columns of the service CSV, in order: what `import services` reads and `export services` writes.
    public static let columns = [
        "id", "name", "organization", "categories", "address", "postal_code", "municipality", "lat", "lon",
        "location_approximate", "phone", "email", "website", "opening_hours", "languages",
        "eligibility", "capacity", "verified", "last_updated", "source"
    ]

    /// The service as text fields, keyed by ``columns``: lists joined with `;`, numbers in
    /// their shortest exact form, so that exporting and importing again changes nothing.
    public var fields: [String: String] {
        [
            "id": id, "name": name, "organization": organization ?? "", "categories": categories.joined(separator: ";"),
            "address": address ?? "", "postal_code": postalCode ?? "", "municipality": municipality ?? "",
            "lat": "\(location.lat)", "lon": "\(location.lon)",
            "location_approximate": locationApproximate ? "true" : "false",
            "phone": phone ?? "", "email": email ?? "", "website": website ?? "", "opening_hours": openingHours ?? "",
            "languages": languages.joined(separator: ";"), "eligibility": eligibility ?? "",
            "capacity": capacity.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : "\($0)" } ?? "",
            "verified": verified ? "true" : "false", "last_updated": lastUpdated ?? "", "source": source ?? ""
        ]
    }
}
