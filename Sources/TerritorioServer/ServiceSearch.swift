import Foundation
import Hummingbird
import TerritorioKit

/// The directory page's search: words in the name, organisation or address (case and accents
/// do not matter), a category code, a municipality code; empty parts match everything.
struct ServiceSearch {
    var text: String
    var category: String
    var municipality: String

    init(_ request: Request) {
        func parameter(_ name: String) -> String {
            request.uri.queryParameters[Substring(name)].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        }
        // A browser sends the spaces of a GET form as "+", which the query's decoding leaves.
        text = parameter("q").replacingOccurrences(of: "+", with: " ")
        category = parameter("category")
        municipality = parameter("municipality")
    }

    func matches(_ s: Service) -> Bool {
        if !category.isEmpty && !s.categories.contains(category) { return false }
        if !municipality.isEmpty && s.municipality != municipality { return false }
        let words = TextMatching.normalized(text).split(separator: " ")
        guard !words.isEmpty else { return true }
        let haystack = TextMatching.normalized([s.name, s.organization ?? "", s.address ?? ""].joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }
}
