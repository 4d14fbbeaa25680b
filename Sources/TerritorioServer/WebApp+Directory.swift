import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// The public directory: services by category, with their hours in words and whether they
    /// are open now. No sign-in.
    func publicDirectory(_ request: Request) async throws -> Response {
        let language = language(request)
        let services = try await store.services()
        let places = try await store.municipalityNames()
        let now = Date()
        let sections: [[String: Any]] = try await store.categories().map { category in
            let inCategory = services.filter { $0.categories.contains(category.code) }
                .sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
            return [
                "code": category.code, "label": category.label(language),
                "description": category.descriptions[language] ?? "",
                "services": inCategory.map { publicEntry($0, language: language, now: now, places: places) }
            ]
        }
        return page(
            "public", request, session: try? await session(request), titleKey: "public_title",
            extra: ["categories": sections])
    }

    func publicEntry(
        _ s: Service, language: String, now: Date,
        places: [String: (name: String, province: String?)]
    ) -> [String: Any] {
        var entry: [String: Any] = [
            "name": s.name, "hours": hoursText(s, language: language),
            "address": s.address ?? "", "municipality": s.municipality.flatMap { places[$0]?.name } ?? "",
            "phone": s.phone ?? "", "dial": (s.phone ?? "").filter { $0.isNumber || $0 == "+" },
            "languagesSpoken": s.languages.joined(separator: ", ")
        ]
        if let hours = s.openingHours.flatMap({ try? OpeningHours.parse($0) }) {
            let open = hours.isOpen(at: now)
            entry["openNow"] = open
            entry["closedNow"] = !open
        }
        return entry
    }

    /// The opening hours in words, or "not given".
    func hoursText(_ s: Service, language: String) -> String {
        guard let text = s.openingHours, let hours = try? OpeningHours.parse(text) else {
            return strings.text("hours_unknown", language)
        }
        return OpeningHoursText.describe(hours, language: language)
    }
}
