import Foundation
import TerritorioCore

/// The fields of one service record, each read and checked on its own; problems are collected
/// with the record's location and the field's name.
package struct ServiceFields {
    package let record: ServiceFile.Record
    private(set) var problems: [InputProblem] = []

    package init(record: ServiceFile.Record) { self.record = record }

    package mutating func problem(_ field: String, _ message: String) {
        problems.append(InputProblem(record.location, field: field, message))
    }

    package func optional(_ name: String) -> String? { record(name).isEmpty ? nil : record(name) }

    /// The field's text; `message` is reported when it is empty.
    package mutating func required(_ name: String, _ message: String) -> String {
        let text = record(name)
        if text.isEmpty { problem(name, message) }
        return text
    }

    /// Known category codes, each once; unknown ones reported with a suggestion.
    package mutating func categories(known: Set<String>) -> [String] {
        var categories: [String] = []
        for code in FieldText.list(record("categories")) {
            let c = code.lowercased()
            if known.contains(c) {
                if !categories.contains(c) { categories.append(c) }
            } else if let guess = TextMatching.closest(to: c, among: known) {
                problem(
                    "categories",
                    Messages.text("msg3.svc.unknown_category_guess", ("guess", guess), ("code", Echo.value(code))))
            } else {
                problem(
                    "categories",
                    Messages.text(
                        "msg3.svc.unknown_category", ("list", known.sorted().joined(separator: ", ")),
                        ("code", Echo.value(code))))
            }
        }
        if record("categories").isEmpty { problem("categories", Messages.text("msg3.svc.no_category")) }
        return categories
    }

    /// ISO 639-1 codes, each once.
    package mutating func languages() -> [String] {
        var languages: [String] = []
        for code in FieldText.list(record("languages")) {
            let c = code.lowercased()
            if LanguageCode.isValid(c) {
                if !languages.contains(c) { languages.append(c) }
            } else {
                problem(
                    "languages",
                    Messages.text("msg3.svc.unknown_language", ("code", Echo.value(code))))
            }
        }
        return languages
    }

    /// The OSM `opening_hours` text, normalised.
    package mutating func openingHours() -> String? {
        guard let text = optional("opening_hours") else { return nil }
        do { return try OpeningHours.parse(text).description } catch {
            problem("opening_hours", error.description)
            return nil
        }
    }

    package mutating func capacity() -> Double? {
        guard let text = optional("capacity") else { return nil }
        if let v = FieldText.number(text), v >= 0 { return v }
        problem("capacity", Messages.text("msg3.svc.capacity", ("found", Echo.value(text))))
        return nil
    }

    /// A yes/no field (``YesNo``); nil when empty or wrong (then reported).
    package mutating func flag(_ name: String) -> Bool? {
        guard let text = optional(name) else { return nil }
        if let v = YesNo.parse(text) { return v }
        problem(name, Messages.text("msg3.svc.flag", ("found", Echo.value(text))))
        return nil
    }

    package mutating func lastUpdated() -> String? {
        guard let text = optional("last_updated") else { return nil }
        if let d = FieldText.date(text) { return d }
        problem("last_updated", Messages.text("msg3.svc.last_updated", ("found", Echo.value(text))))
        return nil
    }

    package mutating func email() -> String? {
        let email = optional("email")
        if let email, !FieldText.isEmail(email) {
            problem("email", Messages.text("msg3.svc.email", ("found", Echo.value(email))))
        }
        return email
    }

    /// The web address; `www.…` gets `https://`.
    package mutating func website() -> String? {
        guard let w = optional("website") else { return nil }
        let lower = w.lowercased()
        if lower.hasPrefix("www.") { return "https://" + w }
        if !(lower.hasPrefix("http://") || lower.hasPrefix("https://")) {
            problem("website", Messages.text("msg3.svc.website", ("found", Echo.value(w))))
        }
        return w
    }

    /// The point from `lat`/`lon`, both or neither; nil when absent or wrong (then reported).
    package mutating func coordinates() -> Coordinate? {
        let latText = record("lat")
        let lonText = record("lon")
        if latText.isEmpty != lonText.isEmpty {
            problem(
                latText.isEmpty ? "lat" : "lon", Messages.text("msg3.svc.both_coordinates"))
            return nil
        }
        guard !latText.isEmpty else { return nil }
        if let lat = FieldText.number(latText), let lon = FieldText.number(lonText), abs(lat) <= 90,
            abs(lon) <= 180
        {
            return Coordinate(lon: lon, lat: lat)
        }
        problem(
            "lat",
            Messages.text("msg3.svc.coordinates", ("lat", Echo.value(latText)), ("lon", Echo.value(lonText))))
        return nil
    }
}
