import Foundation

extension SurveyForm {
    /// The form as an XLSForm workbook: sheets `survey`, `choices` and `settings`, labels in
    /// `label::Italiano (it)`, `label::English (en)`, `label::Français (fr)`, `label::العربية (ar)`
    /// (the same spelling in both sheets). pyxform adds `meta/instanceID`, the submission's UUID.
    public func xlsform(version: String) throws -> Data {
        let languages = Self.languageColumns
        var survey: [[String]] = [
            ["type", "name"] + languages.map { "label::\($0.name)" } + ["required", "constraint"]
                + languages.map { "constraint_message::\($0.name)" }
        ]
        survey.append(["start", "start"] + Array(repeating: "", count: languages.count * 2 + 2))
        survey.append(["end", "end"] + Array(repeating: "", count: languages.count * 2 + 2))
        for f in fields {
            var row = [f.type.xlsform, f.name] + languages.map { f.labels[$0.code] ?? "" }
            row.append(f.required ? "yes" : "")
            var constraint = f.constraint?.expression ?? ""
            if case .integer(let min, let max) = f.type {
                let range = ". >= \(min) and . <= \(max)"
                constraint = constraint.isEmpty ? range : "(\(constraint)) and \(range)"
            }
            row.append(constraint)
            row += languages.map {
                f.constraint?.message[$0.code] ?? (constraint.isEmpty ? "" : Self.rangeMessage(f.type)[$0.code] ?? "")
            }
            survey.append(row)
        }
        var choiceRows: [[String]] = [["list_name", "name"] + languages.map { "label::\($0.name)" }]
        for list in listOrder {
            for c in choices[list] ?? [] {
                choiceRows.append([list, c.value] + languages.map { c.labels[$0.code] ?? c.value })
            }
        }
        let settings = [
            ["form_title", "form_id", "version", "default_language", "instance_name"],
            [
                title["it"] ?? "", "territorio_\(kind.rawValue)", version, "Italiano (it)",
                "concat('\(kind.rawValue)-', ${municipality})"
            ]
        ]
        return try XLSXWriter.data([
            .init(name: "survey", rows: survey), .init(name: "choices", rows: choiceRows),
            .init(name: "settings", rows: settings)
        ])
    }

    package static func rangeMessage(_ type: FieldType) -> Labels {
        guard case .integer(let min, let max) = type else { return [:] }
        return labels(
            "Un numero da \(min) a \(max)", "A number from \(min) to \(max)", "Un nombre de \(min) à \(max)",
            "رقم من \(min) إلى \(max)")
    }

    /// The paper-survey CSV template: one comment line per field (`# name: it / en / fr / ar`,
    /// with the accepted values), then the header row. `questionnaire_id` is the number written
    /// on the paper form and `source` the organisation that collected it (the operator survey's
    /// `organization`): numbers are unique only within one source, so the pair identifies the
    /// questionnaire, and a questionnaire typed twice is counted once.
    public func paperTemplate() -> String {
        let scope = kind == .user ? "source" : "organization"
        var lines = [
            "# territorio — \(title["it"] ?? "") / \(title["en"] ?? "") / \(title["fr"] ?? "") / \(title["ar"] ?? "")",
            "# One row per questionnaire. Lines starting with # are ignored. Lists: values separated by spaces.",
            "# questionnaire_id: Numero del questionario / Questionnaire number / Numéro du questionnaire / "
                + "رقم الاستبيان — required, unique within the \(scope)"
        ]
        if kind == .user {
            lines.append(
                "# source: Ente che ha raccolto il questionario / Organisation that collected the "
                    + "questionnaire / Organisme qui a recueilli le questionnaire / "
                    + "الجهة التي جمعت الاستبيان — required")
        }
        lines += [
            "# date: Data / Date / Date / التاريخ — YYYY-MM-DD or DD/MM/YYYY",
            "# To correct a questionnaire already ingested: add a correction_of column with its questionnaire_id,"
                + " or ingest the corrected rows with --correction"
        ]
        for f in fields {
            var line = "# \(f.name): " + Self.languageColumns.map { f.labels[$0.code] ?? "" }.joined(separator: " / ")
            switch f.type {
            case .selectOne(let list), .selectMultiple(let list):
                let values = (choices[list] ?? []).map(\.value)
                line +=
                    " — "
                    + (values.count > 12
                        ? "\(values.prefix(12).joined(separator: " ")) … (code or name)"
                        : values.joined(separator: " "))
                if case .selectMultiple = f.type { line += " (several, separated by spaces)" }
            case .integer(let min, let max): line += " — a number from \(min) to \(max)"
            case .date: line += " — YYYY-MM-DD or DD/MM/YYYY"
            case .geopoint: line += " — write latitude and longitude in location_lat and location_lon"
            case .text: break
            }
            if f.required { line += " — required" }
            lines.append(line)
        }
        var header = kind == .user ? ["questionnaire_id", "source", "date"] : ["questionnaire_id", "date"]
        for f in fields {
            if f.type == .geopoint { header += ["\(f.name)_lat", "\(f.name)_lon"] } else { header.append(f.name) }
        }
        lines.append(header.joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }
}
