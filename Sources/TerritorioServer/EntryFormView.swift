import Foundation
import TerritorioKit

/// A survey form as the web app shows it: one input per question of the form definition (the
/// XLSForm's), in the page's language, with what was typed and the reasons next to each field.
struct EntryFormView {
    let form: SurveyForm
    let language: String
    /// What was typed, by field name (a select_multiple: its values separated by spaces).
    var typed: [String: String] = [:]
    var reasons: [String] = []

    /// The template context of every question (geopoints left out: no map on these forms).
    func fields() -> [[String: Any]] {
        form.fields.filter { $0.type != .geopoint }.map(field)
    }

    /// The reasons that name `name` (`name: …`, `column 'name': …`, or the list's message).
    func errors(_ name: String) -> [String] {
        reasons.filter { Self.names($0, field: name) }
    }

    /// The reasons that name no field of the form nor the entry's metadata fields.
    func otherErrors(besides metaFields: [String]) -> [String] {
        let names = form.fields.map(\.name) + metaFields
        return reasons.filter { reason in !names.contains { Self.names(reason, field: $0) } }
    }

    static func names(_ reason: String, field: String) -> Bool {
        reason.hasPrefix(field + ":") || reason.hasPrefix(field + " :") || reason.hasPrefix("column '\(field)'")
    }

    private func label(_ labels: SurveyForm.Labels) -> String {
        labels[language] ?? labels["en"] ?? ""
    }

    private func field(_ f: SurveyForm.Field) -> [String: Any] {
        let value = typed[f.name] ?? ""
        var out: [String: Any] = [
            "name": f.name, "label": label(f.labels), "required": f.required, "value": value,
            "errors": errors(f.name), "hasErrors": !errors(f.name).isEmpty
        ]
        switch f.type {
        case .selectOne(let list) where list == "municipality":
            out["isMunicipality"] = true
            out["options"] = (form.choices[list] ?? []).map { ["value": $0.labels["it"] ?? $0.value] }
        case .selectOne(let list):
            out["isSelectOne"] = true
            out["options"] = options(list, chosen: [value])
        case .selectMultiple(let list):
            out["isMultiple"] = true
            out["options"] = options(list, chosen: Set(value.split(separator: " ").map(String.init)))
        case .integer(let min, let max):
            out["isNumber"] = true
            out["min"] = min
            out["max"] = max
        case .date: out["isDate"] = true
        case .text, .geopoint: out["isText"] = true
        }
        return out
    }

    private func options(_ list: String, chosen: Set<String>) -> [[String: Any]] {
        (form.choices[list] ?? []).map { c in
            ["value": c.value, "label": label(c.labels), "chosen": chosen.contains(c.value), "id": "\(list)-\(c.value)"]
        }
    }

    /// The answers of a submitted form: each question's value(s) by field name.
    static func answers(_ fields: FormFields, form: SurveyForm) -> [String: String] {
        var out: [String: String] = [:]
        for f in form.fields where f.type != .geopoint {
            if let v = fields.joined(f.name) { out[f.name] = v }
        }
        return out
    }

    /// A stored submission's answers as labels in `language`, for the review queue.
    func summary(_ s: Submission, municipalityName: String?) -> [[String: String]] {
        func labels(_ list: String, _ values: [String]) -> String {
            values.map { v in (form.choices[list] ?? []).first { $0.value == v }.map { label($0.labels) } ?? v }
                .joined(separator: ", ")
        }
        let rows: [(String, String)] = [
            ("municipality", municipalityName ?? s.municipality), ("needs", labels("category", s.needs)),
            ("urgency", labels("urgency", s.urgency.map { [$0] } ?? [])), ("barriers", labels("barrier", s.barriers)),
            ("languages", labels("language", s.languages)),
            ("household_size", s.householdSize.map(String.init) ?? ""),
            ("age_group", labels("age_group", s.ageGroup.map { [$0] } ?? []))
        ]
        return rows.filter { !$0.1.isEmpty }.map { name, value in
            ["question": form.field(name).map { label($0.labels) } ?? name, "answer": value]
        }
    }
}
