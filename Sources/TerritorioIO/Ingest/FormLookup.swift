import TerritorioCore

/// Indexes of one survey form for reading headers and cells in constant time: fields by name
/// or by label (any of the four languages), and per choice list the values by value or label.
/// Built once per form, so that analysing a header costs the same for each of its columns.
package struct FormLookup: Sendable {
    package let form: SurveyForm
    /// Lower-cased field name → field.
    private let fieldsByName: [String: SurveyForm.Field]
    /// Normalised label → field (names win over labels).
    private let fieldsByLabel: [String: SurveyForm.Field]
    /// Per choice list: lower-cased value, or normalised label (any language) or catalogue alias → value.
    package let choiceIndex: [String: [String: String]]
    /// The geopoint fields, with the column names Kobo and the paper template split them into.
    package let splitGeoColumns: [String: SurveyColumns.Role]

    package init(_ form: SurveyForm) {
        self.form = form
        var byName: [String: SurveyForm.Field] = [:]
        var byLabel: [String: SurveyForm.Field] = [:]
        for f in form.fields.reversed() {  // the first field wins, as a linear search would find it
            byName[f.name.lowercased()] = f
            for label in f.labels.values { byLabel[TextMatching.normalized(label)] = f }
        }
        fieldsByName = byName
        fieldsByLabel = byLabel
        var index: [String: [String: String]] = [:]
        for (list, choices) in form.choices {
            var map: [String: String] = [:]
            for c in choices {
                // Words the working group added to the catalogue (`alias.<list>.<value>`, e.g. cibo).
                for alias in Catalogue.shared.aliases(list: list, value: c.value) {
                    map[TextMatching.normalized(alias)] = c.value
                }
                for label in c.labels.values { map[TextMatching.normalized(label)] = c.value }
            }
            for c in choices { map[c.value.lowercased()] = c.value }  // values win over labels
            index[list] = map
        }
        choiceIndex = index
        splitGeoColumns = Self.splitGeoColumns(form)
    }

    /// `_location_latitude` … (Kobo) and `location_lat`, `location_lon` (paper template).
    private static func splitGeoColumns(_ form: SurveyForm) -> [String: SurveyColumns.Role] {
        var out: [String: SurveyColumns.Role] = [:]
        let kobo: [(String, SurveyColumns.GeoPart)] = [
            ("latitude", .latitude), ("longitude", .longitude), ("altitude", .altitude), ("precision", .accuracy)
        ]
        for f in form.fields where f.type == .geopoint {
            for (suffix, part) in kobo { out["_\(f.name)_\(suffix)"] = .geo(field: f.name, part: part) }
            for (suffix, part) in [("lat", SurveyColumns.GeoPart.latitude), ("lon", .longitude)] {
                out["\(f.name)_\(suffix)"] = .geo(field: f.name, part: part)
            }
        }
        return out
    }

    /// A field by name, or by its label in any of the four languages.
    package func field(_ text: String) -> SurveyForm.Field? {
        fieldsByName[text.lowercased()] ?? fieldsByLabel[TextMatching.normalized(text)]
    }

    /// A choice's value from its value or its label in any of the four languages.
    package func choice(_ text: String, list: String) -> String? {
        guard let map = choiceIndex[list] else { return nil }
        return map[text.lowercased()] ?? map[TextMatching.normalized(text)]
    }
}
