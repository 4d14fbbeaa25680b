import Foundation

extension RecurrenceRule {
    /// Gregorian calendar arithmetic on dates alone (no time of day, no time zone).
    package static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        c.firstWeekday = 2
        return c
    }()

    package static func day(_ iso: String) -> Date? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))
    }

    package static func iso(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `MO` … `SU` of a date.
    package static func weekday(_ date: Date) -> String { weekdays[(calendar.component(.weekday, from: date) + 5) % 7] }

    /// The dates of the sessions starting on `first` (`YYYY-MM-DD`), oldest first, at most `limit`
    /// of them (and only those on or after `from` are returned).
    public func dates(first: String, from: String? = nil, limit: Int = 500) -> [String] {
        guard let start = Self.day(first) else { return [] }
        var out: [String] = []
        var produced = 0
        var period = 0
        while produced < (count ?? Int.max), out.count < limit, period < 2000 {
            for date in candidates(start: start, period: period) where date >= start {
                let text = Self.iso(date)
                if let until, text > until { return out }
                produced += 1
                if text >= (from ?? "") { out.append(text) }
                if produced == (count ?? Int.max) || out.count == limit { return out }
            }
            period += interval
        }
        return out
    }

    /// The candidate dates of the `period`-th week or month after the one of `start`, in order.
    package func candidates(start: Date, period: Int) -> [Date] {
        let c = Self.calendar
        switch frequency {
        case .weekly:
            let weekStart = c.date(byAdding: .day, value: -((c.component(.weekday, from: start) + 5) % 7), to: start)!
            let week = c.date(byAdding: .day, value: 7 * period, to: weekStart)!
            let wanted = days.isEmpty ? [Self.weekday(start)] : days.map(\.weekday)
            return (0..<7).map {
                c.date(
                    byAdding: .day, value: $0,
                    to: week)!
            }.filter { wanted.contains(Self.weekday($0)) }
        case .monthly:
            var first = c.dateComponents([.year, .month], from: start)
            first.day = 1
            let month = c.date(byAdding: .month, value: period, to: c.date(from: first)!)!
            let length = c.range(of: .day, in: .month, for: month)!.count
            let all = (0..<length).map { c.date(byAdding: .day, value: $0, to: month)! }
            if days.isEmpty {
                let d = c.component(.day, from: start)
                return d <= length ? [all[d - 1]] : []
            }
            return all.filter { date in days.contains { matches($0, date, in: all) } }
        }
    }

    package func matches(_ day: Day, _ date: Date, in month: [Date]) -> Bool {
        guard Self.weekday(date) == day.weekday else { return false }
        guard let n = day.ordinal else { return true }
        let same = month.filter { Self.weekday($0) == day.weekday }
        let index = same.firstIndex(of: date)!
        return n > 0 ? index == n - 1 : index == same.count + n
    }

    /// Whether `first` is itself one of the rule's dates (RFC 5545 leaves the set undefined otherwise).
    public func startsOnRule(_ first: String) -> Bool { dates(first: first, limit: 1).first == first }
}
