import Foundation

/// Opening hours in OpenStreetMap `opening_hours` syntax, the common subset:
/// weekday ranges and lists (`Mo-Fr`, `Mo,We,Fr`), several time ranges (`08:30-12:30,14:00-17:00`),
/// `24/7`, `off` / `closed`, and public holidays (`PH off`), in rules separated by `;`.
///
/// As in OSM, a later rule replaces earlier ones for the days it names:
/// `Mo-Fr 09:00-17:00; We 09:00-12:00` opens Wednesday mornings only.
///
/// ```swift
/// let hours = try OpeningHours.parse("Mo-Fr 09:00-12:00; PH off")
/// hours.week[.mo]   // [09:00-12:00]
/// ```
public struct OpeningHours: Hashable, Sendable, CustomStringConvertible {
    public enum Weekday: Int, CaseIterable, Sendable, Comparable {
        case mo, tu, we, th, fr, sa, su
        public static let osmNames = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        public var osmName: String { Self.osmNames[rawValue] }
        /// RFC 5545 / HSDS `byday` code.
        public var icalName: String { osmName.uppercased() }
        public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
    }

    /// From `start` to `end`, in minutes after midnight; `end` may pass 24:00 (open past midnight).
    public struct TimeRange: Hashable, Sendable, CustomStringConvertible {
        public var start: Int
        public var end: Int
        /// `19:30-08:00` for a range past midnight, `00:00-24:00` for a whole day.
        public var description: String { Self.clock(start) + "-" + Self.clock(end > 1440 ? end - 1440 : end) }
        public static func clock(_ minutes: Int) -> String {
            let h = minutes / 60
            let m = minutes % 60
            return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        }
    }

    /// One `;`-separated rule.
    public struct Rule: Hashable, Sendable {
        /// The days named; empty with `publicHolidays` false means every day.
        public var weekdays: [Weekday]
        public var publicHolidays: Bool
        /// Empty exactly when `isOff`.
        public var times: [TimeRange]
        public var isOff: Bool
    }

    public var rules: [Rule]

    /// Opening times per weekday after applying the rules in order (closed days are absent).
    public var week: [Weekday: [TimeRange]] {
        var week: [Weekday: [TimeRange]] = [:]
        for rule in rules where !(rule.publicHolidays && rule.weekdays.isEmpty) {
            let days = rule.weekdays.isEmpty ? Weekday.allCases : rule.weekdays
            for day in days {
                week[day] = rule.isOff ? nil : rule.times
            }
        }
        return week
    }

    /// `true` when closed on public holidays (`PH off`), `false` when a PH rule opens, nil when unsaid.
    public var closedOnPublicHolidays: Bool? {
        rules.last { $0.publicHolidays }.map(\.isOff)
    }

    public var isAlwaysOpen: Bool {
        week.count == 7 && week.values.allSatisfy { $0 == [TimeRange(start: 0, end: 1440)] }
    }

    /// The normalised OSM text: what territorio stores and exports.
    public var description: String {
        if rules.count == 1, rules[0].weekdays.isEmpty, !rules[0].publicHolidays, !rules[0].isOff,
            rules[0].times == [Self.wholeDay]
        {
            return "24/7"
        }
        return rules.map { rule in
            var parts: [String] = []
            var selector = Self.daysText(rule.weekdays)
            if rule.publicHolidays { selector += selector.isEmpty ? "PH" : ",PH" }
            if !selector.isEmpty { parts.append(selector) }
            if rule.isOff {
                parts.append("off")
            } else {
                parts.append(rule.times.map(\.description).joined(separator: ","))
            }
            return parts.joined(separator: " ")
        }.joined(separator: "; ")
    }

    /// "Mo-Fr", "Mo,We,Fr", "Mo-We,Sa": consecutive days of three or more become ranges.
    package static func daysText(_ days: [Weekday]) -> String {
        let sorted = Array(Set(days)).sorted()
        var groups: [[Weekday]] = []
        for d in sorted {
            if let last = groups.last?.last, last.rawValue + 1 == d.rawValue {
                groups[groups.count - 1].append(d)
            } else {
                groups.append([d])
            }
        }
        return groups.map { g in
            g.count >= 3 ? g.first!.osmName + "-" + g.last!.osmName : g.map(\.osmName).joined(separator: ",")
        }.joined(separator: ",")
    }

    /// Why a value could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var value: String
        public var near: String
        public var expected: String
        public var description: String {
            "cannot read the opening hours \"\(value)\" at \"\(near)\": expected \(expected) (OpenStreetMap syntax, e.g. \"Mo-Fr 09:00-12:30,14:00-17:00; Sa 09:00-12:00; PH off\")"
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> OpeningHours {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ParseError(value: text, near: "", expected: "a value") }
        var rules: [Rule] = []
        for rawRule in value.split(separator: ";", omittingEmptySubsequences: false) {
            let ruleText = rawRule.trimmingCharacters(in: .whitespaces)
            if ruleText.isEmpty {
                if rawRule.startIndex == value.endIndex || rules.isEmpty == false { continue }
                throw ParseError(value: value, near: String(rawRule), expected: "a rule")
            }
            rules.append(try parseRule(ruleText, in: value))
        }
        guard !rules.isEmpty else { throw ParseError(value: value, near: value, expected: "a rule") }
        return OpeningHours(rules: rules)
    }

    package static func parseRule(_ text: String, in value: String) throws(ParseError) -> Rule {
        if text == "24/7" { return Rule(weekdays: [], publicHolidays: false, times: [wholeDay], isOff: false) }
        var tokens = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var weekdays: [Weekday] = []
        var holidays = false
        // A selector is the first token when it starts with a letter other than off/closed.
        if let first = tokens.first, first.first?.isLetter == true, !["off", "closed"].contains(first.lowercased()) {
            tokens.removeFirst()
            for part in first.split(separator: ",", omittingEmptySubsequences: false) {
                if part == "PH" {
                    holidays = true
                    continue
                }
                let ends = part.split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count), let a = day(ends[0]),
                    let b = ends.count == 2 ? day(ends[1]) : day(ends[0])
                else {
                    throw ParseError(
                        value: value, near: String(part),
                        expected: "weekdays such as Mo, Mo-Fr or Mo,We (Mo Tu We Th Fr Sa Su) or PH")
                }
                var d = a
                while true {
                    if !weekdays.contains(d) { weekdays.append(d) }
                    if d == b { break }
                    d = Weekday(rawValue: (d.rawValue + 1) % 7)!
                }
            }
        }
        guard tokens.count <= 1 else {
            throw ParseError(
                value: value, near: tokens.joined(separator: " "), expected: "one list of time ranges after the days")
        }
        guard let timesText = tokens.first else {
            if weekdays.isEmpty && !holidays { throw ParseError(value: value, near: text, expected: "days and times") }
            return Rule(weekdays: weekdays, publicHolidays: holidays, times: [wholeDay], isOff: false)
        }
        if ["off", "closed"].contains(timesText.lowercased()) {
            return Rule(weekdays: weekdays, publicHolidays: holidays, times: [], isOff: true)
        }
        var times: [TimeRange] = []
        for span in timesText.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = span.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]), start < 1440 else {
                throw ParseError(value: value, near: String(span), expected: "a time range such as 09:00-12:30")
            }
            let realEnd = end <= start ? end + 1440 : end
            guard realEnd - start <= 1440 else {
                throw ParseError(value: value, near: String(span), expected: "a time range of at most 24 hours")
            }
            times.append(TimeRange(start: start, end: realEnd))
        }
        return Rule(weekdays: weekdays, publicHolidays: holidays, times: times, isOff: false)
    }

    package static let wholeDay = TimeRange(start: 0, end: 1440)

    package static func day(_ s: Substring) -> Weekday? {
        Weekday.osmNames.firstIndex(of: String(s)).flatMap(Weekday.init(rawValue:))
    }

    /// "9:00", "09:00", "24:00" → minutes.
    package static func minutes(_ s: Substring) -> Int? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h < 24 || m == 0
        else { return nil }
        return h * 60 + m
    }
}
