import Foundation

/// The subset of RFC 5545 recurrence rules that sessions use: `FREQ=WEEKLY` or `FREQ=MONTHLY`,
/// optional `INTERVAL`, `BYDAY` (weekly: `TU,TH`; monthly: `1TU`, `-1FR` or `WE`), and `COUNT` or
/// `UNTIL` (a date; not both).
public struct RecurrenceRule: Sendable, Hashable, Codable {
    public enum Frequency: String, Sendable, Codable {
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
    }

    /// A day of the week, with an ordinal within the month (1…5, −1…−5) for monthly rules.
    public struct Day: Sendable, Hashable, Codable {
        public var ordinal: Int?
        /// `MO` … `SU`.
        public var weekday: String
        public var text: String { (ordinal.map(String.init) ?? "") + weekday }
    }

    public static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public var frequency: Frequency
    public var interval = 1
    public var days: [Day] = []
    public var count: Int?
    /// `YYYY-MM-DD`, inclusive (local date).
    public var until: String?

    /// The rule in RFC 5545 syntax, with `until` given as the UTC instant `untilUTC` when set.
    public func text(untilUTC: String? = nil) -> String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !days.isEmpty { parts.append("BYDAY=" + days.map(\.text).joined(separator: ",")) }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=" + (untilUTC ?? until.replacingOccurrences(of: "-", with: ""))) }
        return parts.joined(separator: ";")
    }

    /// Reads a rule, or says what is wrong with it.
    public static func parse(_ text: String) -> Result<RecurrenceRule, RecurrenceError> {
        var values: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(
                separator: "=",
                maxSplits: 1
            ).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            guard pair.count == 2, values[pair[0]] == nil else { return .failure(.malformed(String(part))) }
            values[pair[0]] = pair[1]
        }
        if let unknown = values.keys.sorted().first(where: {
            ![
                "FREQ", "INTERVAL", "BYDAY", "COUNT",
                "UNTIL"
            ].contains($0)
        }) {
            return .failure(.unsupported(unknown))
        }
        guard let f = values["FREQ"], let frequency = Frequency(rawValue: f) else {
            return .failure(.frequency(values["FREQ"] ?? ""))
        }
        var rule = RecurrenceRule(frequency: frequency)
        if let i = values["INTERVAL"] {
            guard let n = Int(i), (1...52).contains(n) else { return .failure(.number("INTERVAL", i)) }
            rule.interval = n
        }
        if let c = values["COUNT"] {
            guard let n = Int(c), (1...1000).contains(n) else { return .failure(.number("COUNT", c)) }
            rule.count = n
        }
        if let u = values["UNTIL"] {
            guard let date = untilDate(u) else { return .failure(.until(u)) }
            rule.until = date
        }
        if rule.count != nil && rule.until != nil { return .failure(.countAndUntil) }
        for d in (values["BYDAY"] ?? "").split(separator: ",") {
            guard
                let day = parseDay(
                    String(d),
                    monthly: frequency == .monthly)
            else { return .failure(.day(String(d))) }
            rule.days.append(day)
        }
        return .success(rule)
    }

    package static func parseDay(_ text: String, monthly: Bool) -> Day? {
        let weekday = String(text.suffix(2))
        let prefix = String(text.dropLast(2))
        guard weekdays.contains(weekday) else { return nil }
        if prefix.isEmpty { return Day(ordinal: nil, weekday: weekday) }
        guard monthly, let n = Int(prefix), n != 0, (-5...5).contains(n) else { return nil }
        return Day(ordinal: n, weekday: weekday)
    }

    /// `YYYYMMDD`, `YYYY-MM-DD` or `YYYYMMDDTHHMMSSZ` → `YYYY-MM-DD`.
    package static func untilDate(_ text: String) -> String? {
        let digits = String(text.prefix(8))
        if digits.count == 8, digits.allSatisfy(\.isNumber) {
            let iso = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
            return FieldText.date(iso)
        }
        return FieldText.date(text)
    }
}

/// What is wrong with a recurrence rule. Each message is written in one place.
public enum RecurrenceError: Error, Sendable, CustomStringConvertible {
    case malformed(String)
    case unsupported(String)
    case frequency(String)
    case number(String, String)
    case until(String)
    case countAndUntil
    case day(String)
    case notOnRule(String)

    public var description: String {
        let supported = Messages.text("msg3.rrule.supported")
        return switch self {
        case .malformed(let p): Messages.text("msg3.rrule.malformed", ("supported", supported), ("part", p))
        case .unsupported(let n): Messages.text("msg3.rrule.unsupported", ("supported", supported), ("name", n))
        case .frequency(let f): Messages.text("msg3.rrule.frequency", ("value", f))
        case .number(let n, let v): Messages.text("msg3.rrule.number", ("name", n), ("value", v))
        case .until(let v): Messages.text("msg3.rrule.until", ("value", v))
        case .countAndUntil: Messages.text("msg3.rrule.count_and_until")
        case .day(let d): Messages.text("msg3.rrule.day", ("day", d))
        case .notOnRule(let d): Messages.text("msg3.rrule.not_on_rule", ("date", d))
        }
    }
}
