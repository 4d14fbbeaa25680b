import Foundation

/// What changed between two survey rounds, per municipality × category: reported needs per
/// 1,000 residents, the services (opened, closed, hours or languages changed), accessibility and
/// the gap level (docs/method.md, "Rounds and changes"). A change is published only where both
/// rounds publish the figure; each round's report carries its own disclosure control.
public struct ChangeReport: Sendable {
    /// One municipality × category.
    public struct Row: Sendable {
        public var code: String
        public var name: String
        public var category: String
        public var needFrom: Double?, needTo: Double?
        /// nil when either side is withheld (`needSuppressed`) or missing.
        public var needChange: Double?
        public var needSuppressed: Bool
        public var accessFrom: Double?, accessTo: Double?, accessChange: Double?
        public var levelFrom: String?, levelTo: String?
        /// Steps on the scale none < low < medium < high < critical (positive: worse).
        public var levelChange: Int?
        public var levelSuppressed: Bool
        public var opened = 0, closed = 0, hoursChanged = 0, languagesChanged = 0

        /// Services opened, closed or changed here.
        public var serviceChanges: Int { opened + closed + hoursChanged + languagesChanged }
    }

    public var from: SurveyRound
    public var to: SurveyRound
    public var k: Int
    public var categories: [Category]
    public var municipalities: [GapInputs.Municipality]
    /// Per municipality (in `municipalities` order), one row per category (in `categories` order).
    public var rows: [[Row]]
    /// The directory's changes taking effect after `from` ended and up to the end of `to`.
    public var serviceChanges: [ServiceChange]

    /// The change report from the report of round `from` to the report of round `to`.
    public init(from: SurveyRound, to: SurveyRound, before: GapReport, after: GapReport, history: [ServiceChange]) {
        self.from = from
        self.to = to
        k = after.analysis.config.k
        categories = after.analysis.categories
        municipalities = after.analysis.inputs.municipalities
        serviceChanges = DirectoryHistory.changes(history, after: from.end, upTo: to.end)
        let earlier = before.analysis.inputs.municipalities
        let beforeIndex = Dictionary(uniqueKeysWithValues: earlier.enumerated().map { ($1.code, $0) })
        let changes = serviceChanges
        rows = municipalities.enumerated().map { i, m in
            after.analysis.categories.map { c in
                Self.row(
                    m, c.code,
                    before: beforeIndex[m.code].map {
                        before.cells(
                            category: c.code,
                            municipality: $0)
                    },
                    after: after.cells(category: c.code, municipality: i), changes: changes)
            }
        }
    }

    package static let levelOrder: [String: Int] = ["none": 0, "low": 1, "medium": 2, "high": 3, "critical": 4]

    package static func row(
        _ m: GapInputs.Municipality, _ category: String, before: [(String, GapReport.Cell)]?,
        after: [(String, GapReport.Cell)], changes: [ServiceChange]
    ) -> Row {
        func cell(_ cells: [(String, GapReport.Cell)]?, _ name: String) -> GapReport.Cell? {
            cells?.first { $0.0 == name }?.1
        }
        func double(_ c: GapReport.Cell?) -> Double? { if case .double(let v)? = c?.value { v } else { nil } }
        func string(_ c: GapReport.Cell?) -> String? { if case .string(let v)? = c?.value { v } else { nil } }
        let needA = cell(before, "need_per_1000")
        let needB = cell(after, "need_per_1000")
        let levelA = cell(before, "gap_level")
        let levelB = cell(after, "gap_level")
        let needHidden = (needA?.suppressed ?? false) || (needB?.suppressed ?? false)
        let levelHidden = (levelA?.suppressed ?? false) || (levelB?.suppressed ?? false)
        var row = Row(
            code: m.code, name: m.name, category: category, needFrom: double(needA), needTo: double(needB),
            needChange: nil, needSuppressed: needHidden,
            accessFrom: double(cell(before, "access")), accessTo: double(cell(after, "access")),
            accessChange: nil,
            levelFrom: string(levelA), levelTo: string(levelB), levelChange: nil,
            levelSuppressed: levelHidden)
        if !needHidden, let a = row.needFrom, let b = row.needTo { row.needChange = b - a }
        if let a = row.accessFrom, let b = row.accessTo { row.accessChange = b - a }
        if !levelHidden, let a = row.levelFrom.flatMap({ levelOrder[$0] }),
            let b = row.levelTo.flatMap({ levelOrder[$0] })
        {
            row.levelChange = b - a
        }
        for change in changes where Self.concerns(change, municipality: m.code, category: category) {
            switch change.kind {
            case .opened: row.opened += 1
            case .closed: row.closed += 1
            case .updated:
                if change.hoursChanged { row.hoursChanged += 1 }
                if change.languagesChanged { row.languagesChanged += 1 }
            }
        }
        return row
    }

    /// Whether `change` is about a service of `category` in `municipality` (before or after it).
    package static func concerns(_ change: ServiceChange, municipality: String, category: String) -> Bool {
        [change.before, change.after].contains { s in
            s.map { $0.municipality == municipality && $0.categories.contains(category) } ?? false
        }
    }

    /// The rows with a published change, largest first: gap-level steps, then need per 1,000,
    /// then services changed.
    public func largestChanges(limit: Int) -> [Row] {
        let changed = rows.joined().filter {
            ($0.levelChange ?? 0) != 0 || ($0.needChange ?? 0) != 0
                || $0.serviceChanges > 0
        }
        return Array(
            changed.sorted { a, b in
                (abs(a.levelChange ?? 0), abs(a.needChange ?? 0), a.serviceChanges, b.code, b.category)
                    > (abs(b.levelChange ?? 0), abs(b.needChange ?? 0), b.serviceChanges, a.code, a.category)
            }.prefix(limit))
    }

    /// The sum of the published gap-level changes of municipality `i` (nil when none is published).
    public func netLevelChange(municipality i: Int) -> Int? {
        let published = rows[i].compactMap(\.levelChange)
        return published.isEmpty ? nil : published.reduce(0, +)
    }
}
