import Foundation
import TerritorioCore

/// The submissions export: one row per submission, anonymised (docs/privacy.md).
extension ResearchExport {
    /// The quasi-identifiers of user rows, after generalisation.
    public static var quasiIdentifiers: [String] { Anonymiser.quasiIdentifiers }
    /// The analytic variables of user rows: published as they are.
    public static let analyticVariables = ["needs", "urgency", "barriers"]

    /// One submission as read from the store (its uuid only joins it to its need reports).
    package struct StoredSubmission {
        package var form: String, code: String, month: String?, urgency: String?, barriers: String, languages: String
        package var householdSize: Int?, ageGroup: String?, periodStart: String?, periodEnd: String?
        package var needs: [String] = []
        package var requests: [String: Int?] = [:], unmet: [String: Int?] = [:]
        /// Operators: the key of the needs export's cell this row adds to.
        package var period: String { "\(periodStart ?? "")/\(periodEnd ?? "")" }

        package init(
            form: String, code: String, month: String? = nil, urgency: String? = nil, barriers: String,
            languages: String, householdSize: Int? = nil, ageGroup: String? = nil, periodStart: String? = nil,
            periodEnd: String? = nil, needs: [String] = [], requests: [String: Int?] = [:], unmet: [String: Int?] = [:]
        ) {
            self.form = form
            self.code = code
            self.month = month
            self.urgency = urgency
            self.barriers = barriers
            self.languages = languages
            self.householdSize = householdSize
            self.ageGroup = ageGroup
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.needs = needs
            self.requests = requests
            self.unmet = unmet
        }
    }

    /// One row per submission, anonymised: a random id that changes at every export, no point,
    /// no date finer than a quarter, no free text. User rows are generalised (zone, quarter,
    /// household-size band) and made k-anonymous by Mondrian partitioning (``Anonymiser``);
    /// operator rows keep their municipality, and their counts pass the reports' disclosure
    /// control.
    package static func submissions(
        inputs: GapInputs, zones: [String: String], stored: [StoredSubmission], config: AnalysisConfig,
        format: Format, to path: String
    ) throws {
        let names = Dictionary(uniqueKeysWithValues: inputs.municipalities.map { ($0.code, $0.name) })
        let stored = stored.shuffled()
        let users = stored.filter { $0.form == "user" }
        let operators = stored.filter { $0.form == "operator" }
        let quasi = users.map { generalised($0, zones: zones, names: names) }
        let anonymous = Anonymiser.apply(quasi, k: config.k)
        let withheldCells = withheldOperatorCells(operators, k: config.k)
        let categories = inputs.categories.map(\.code)
        var table = Table(header: submissionsHeader(categories), rows: [], points: [])
        for (user, q) in zip(users, anonymous.rows) {
            guard let q else { continue }
            table.rows.append(userRow(user, quasi: q))
            table.points.append(nil)
        }
        for (n, o) in operators.enumerated() {
            table.rows.append(
                operatorRow(
                    o, name: names[o.code], zone: zones[o.code],
                    withheld: withheldCells[n] ?? []))
            table.points.append(inputs.municipalities.first { $0.code == o.code }?.point)
        }
        try write(table, format: format, to: path)
        let extra = submissionsMeta(
            users: users, quasi: quasi, anonymous: anonymous, zones: zones, names: names,
            withheldCells: withheldCells.values.reduce(0) { $0 + $1.count },
            rows: table.rows.count)
        try sidecar(
            path: path, dataset: "submissions", description: submissionsDescription, inputs: inputs,
            config: config, extra: extra)
    }

    static let submissionsDescription = """
        One row per survey submission, anonymised: random export-specific ids, no points, dates to the quarter, \
        no free text. User rows: zone instead of municipality, household size in bands, k-anonymous on zone, \
        quarter, age group, household size and languages by Mondrian partitioning ('a|b' = one of these values, \
        '*' = suppressed, empty = not answered). Operator rows: counts from 1 to k-1 withheld, with secondary \
        suppression (counts_withheld).
        """

    package static func submissionsHeader(_ categories: [String]) -> [String] {
        [
            "export_id", "form", "zone", "quarter", "needs", "urgency", "barriers", "languages", "household_size",
            "age_group", "istat_code", "municipality", "period_start_month", "period_end_month", "counts_withheld"
        ]
            + categories.flatMap { ["requests_\($0)", "unmet_\($0)"] }
    }

    package static func generalised(
        _ s: StoredSubmission, zones: [String: String],
        names: [String: String]
    ) -> [String: String] {
        [
            "zone": Generalisation.zone(of: s.code, zones: zones, names: names),
            "quarter": Generalisation.quarter(month: s.month),
            "age_group": s.ageGroup ?? "",
            "household_size": Generalisation.householdBand(s.householdSize),
            "languages": Generalisation.languages(s.languages)
        ]
    }

    package static func userRow(_ s: StoredSubmission, quasi: [String: String]) -> [String: GeoJSONWriter.Value] {
        var row: [String: GeoJSONWriter.Value] = [
            "export_id": .string(UUID().uuidString.lowercased()),
            "form": .string("user")
        ]
        for name in quasiIdentifiers { row[name] = .string(quasi[name].flatMap { $0.isEmpty ? nil : $0 }) }
        row["needs"] = .string(s.needs.isEmpty ? nil : s.needs.joined(separator: " "))
        row["urgency"] = .string(s.urgency)
        row["barriers"] = .string(s.barriers.isEmpty ? nil : s.barriers)
        return row
    }

    package static func operatorRow(
        _ s: StoredSubmission, name: String?, zone: String?,
        withheld: Set<String>
    ) -> [String: GeoJSONWriter.Value] {
        var row: [String: GeoJSONWriter.Value] = [
            "export_id": .string(UUID().uuidString.lowercased()), "form": .string("operator"), "zone": .string(zone),
            "quarter": .string(Generalisation.quarter(month: s.month)), "istat_code": .string(s.code),
            "municipality": .string(name), "period_start_month": .string(s.periodStart),
            "period_end_month": .string(s.periodEnd),
            "counts_withheld": .string(withheld.isEmpty ? nil : withheld.sorted().joined(separator: " "))
        ]
        for (category, value) in s.requests where !withheld.contains("requests_\(category)") {
            row["requests_\(category)"] = .int(value)
        }
        for (category, value) in s.unmet where !withheld.contains("unmet_\(category)") {
            row["unmet_\(category)"] = .int(value)
        }
        return row
    }

    /// The operator counts to withhold (column names, per operator row): within each
    /// municipality × category × period, whose total the needs export publishes, the reports'
    /// primary and secondary suppression (``DisclosureControl``).
    package static func withheldOperatorCells(_ operators: [StoredSubmission], k: Int) -> [Int: Set<String>] {
        let control = DisclosureControl(k: k)
        var withheld: [Int: Set<String>] = [:]
        let categories = Set(operators.flatMap(\.needs))
        let groups = Dictionary(grouping: operators.indices) { "\(operators[$0].code)|\(operators[$0].period)" }
        for indices in groups.values {
            for category in categories {
                let rows = indices.filter { operators[$0].requests[category] != nil }
                for (column, values) in [("requests", \StoredSubmission.requests), ("unmet", \StoredSubmission.unmet)] {
                    let (hidden, _) = control.protect(rows.map { operators[$0][keyPath: values][category] ?? nil })
                    for h in hidden { withheld[rows[h], default: []].insert("\(column)_\(category)") }
                }
            }
        }
        return withheld
    }

    package static func submissionsMeta(
        users: [StoredSubmission], quasi: [[String: String]], anonymous: Anonymiser.Result,
        zones: [String: String], names: [String: String], withheldCells: Int,
        rows: Int
    ) -> SubmissionsMetadata {
        let generalised: [String: Int] = [
            "municipality_to_zone": users.filter { zones[$0.code] != nil }.count,
            "month_to_quarter": quasi.filter { !($0["quarter"] ?? "").isEmpty }.count,
            "household_size_to_band": users.filter { $0.householdSize.map { $0 > 2 } ?? false }.count
        ]
        let zoneMembers = Dictionary(grouping: zones.keys.sorted(), by: { zones[$0]! })
            .mapValues { $0.map { names[$0] ?? $0 } }
        return SubmissionsMetadata(
            rows: rows, withheldRows: anonymous.withheld, quasiIdentifiers: quasiIdentifiers,
            analyticVariables: analyticVariables, generalisedValues: generalised,
            mergedValues: anonymous.mergedValues, suppressedValues: anonymous.suppressedValues,
            suppressedMarker: Anonymiser.suppressed, unansweredInASet: Anonymiser.unanswered,
            withheldOperatorCounts: withheldCells, zones: zoneMembers)
    }
}
