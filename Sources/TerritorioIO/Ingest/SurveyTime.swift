import Foundation
import TerritorioCore

/// Dates and times of survey exports as sortable ISO 8601 text: `YYYY-MM-DD`, or
/// `YYYY-MM-DDTHH:MM:SS` in UTC when the export gives an offset (`Z`, `+02:00`), so that
/// Kobo's `end` (local time with offset) and `_submission_time` (UTC) compare correctly.
package enum SurveyTime {
    /// "2026-05-01", "01/05/2026", "2026-05-01T10:11:12(.123)(Z|+02:00|+0200)" → ISO text; nil if not a date.
    package static func parse(_ text: String) -> String? {
        if text.utf8.count <= 10 { return FieldText.date(text) }
        if let strict = parseStrict(text) { return strict }
        return parseLoose(text)
    }

    /// The common exports' form, `YYYY-MM-DD(T| )HH:MM:SS(.fff)(|Z|±HH:MM|±HHMM)` in ASCII, read
    /// byte by byte without allocating (once per date of a million-row export): `.some` of what
    /// ``parseLoose(_:)`` gives for it, or nil when the text has another form.
    static func parseStrict(_ text: String) -> String?? {
        var text = text
        return text.withUTF8 { parseStrict(bytes: $0) }
    }

    private static func parseStrict(bytes b: UnsafeBufferPointer<UInt8>) -> String?? {
        func digit(_ i: Int) -> Int? { i < b.count && b[i] >= 48 && b[i] <= 57 ? Int(b[i] - 48) : nil }
        func two(at i: Int) -> Int? { digit(i).flatMap { h in digit(i + 1).map { h * 10 + $0 } } }
        guard b.count >= 19, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hour = two(at: 11), let minute = two(at: 14), let second = two(at: 17)
        else { return nil }
        var i = 19
        while i < b.count && (b[i] == UInt8(ascii: ".") || digit(i) != nil) { i += 1 }
        let zone = b.count - i
        var offset = 0
        if zone == 0 || (zone == 1 && (b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z"))) {
            offset = 0
        } else {
            let colon = zone == 6 && b[i + 3] == UInt8(ascii: ":")
            guard zone == 5 || colon, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                let h = two(at: i + 1), let m = two(at: colon ? i + 4 : i + 3)
            else { return nil }
            guard h <= 14, m < 60 else { return .some(nil) }
            offset = (b[i] == UInt8(ascii: "+") ? 1 : -1) * (h * 60 + m)
        }
        guard let (y, m, d) = day(b) else { return .some(nil) }
        guard hour < 24, minute < 60, second < 61 else { return .some(nil) }
        return .some(utc(y, m, d, hour: hour, minute: minute, second: second, offset: offset))
    }

    /// The first ten bytes as a real date (what ``FieldText/date(_:)`` accepts), read in place
    /// when they are `YYYY-MM-DD`.
    private static func day(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for j in r {
                guard b[j] >= 48 && b[j] <= 57 else { return nil }
                n = n * 10 + Int(b[j] - 48)
            }
            return n
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let y = number(0..<4), let m = number(5..<7),
            let d = number(8..<10)
        else {
            guard let date = FieldText.date(String(decoding: UnsafeBufferPointer(rebasing: b[0..<10]), as: UTF8.self))
            else { return nil }
            return (Int(date.prefix(4))!, Int(date.dropFirst(5).prefix(2))!, Int(date.suffix(2))!)
        }
        guard (1900...2200).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
        return (1...days).contains(d) ? (y, m, d) : nil
    }

    /// A local time, `offset` minutes east of UTC, as UTC text `YYYY-MM-DDTHH:MM:SS` (the year
    /// has four digits: ``FieldText/date(_:)`` accepts 1900 to 2200), written byte by byte.
    private static func utc(_ y: Int, _ m: Int, _ d: Int, hour: Int, minute: Int, second: Int, offset: Int)
        -> String
    {
        let minutes = days(y, m, d) * 1440 + hour * 60 + minute - offset
        let day = civil(minutes.floorDiv(1440))
        let rem = minutes - minutes.floorDiv(1440) * 1440
        return String(unsafeUninitializedCapacity: 19) { out in
            func put(_ n: Int, at i: Int, width: Int) {
                var n = n
                for j in stride(from: i + width - 1, through: i, by: -1) {
                    out[j] = UInt8(48 + n % 10)
                    n /= 10
                }
            }
            put(day.0, at: 0, width: 4)
            put(day.1, at: 5, width: 2)
            put(day.2, at: 8, width: 2)
            put(rem / 60, at: 11, width: 2)
            put(rem % 60, at: 14, width: 2)
            put(second, at: 17, width: 2)
            (out[4], out[7], out[10], out[13], out[16]) = (45, 45, 84, 58, 58)  // "-", "-", "T", ":", ":"
            return 19
        }
    }

    /// `date` (YYYY-MM-DD) at the given local time, `offset` minutes east of UTC, as UTC text.
    private static func utc(date: String, hour: Int, minute: Int, second: Int, offset: Int) -> String {
        let (y, m, d) = (Int(date.prefix(4))!, Int(date.dropFirst(5).prefix(2))!, Int(date.suffix(2))!)
        return utc(y, m, d, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// Any form ``parse(_:)`` accepts, through `Character` operations.
    static func parseLoose(_ text: String) -> String? {
        guard let date = FieldText.date(String(text.prefix(10))) else { return nil }
        let rest = text.dropFirst(10)
        guard rest.first == "T" || rest.first == " " else { return nil }
        let text = rest.dropFirst().prefix(8)
        let clock = text.split(separator: ":").compactMap { Int($0) }
        guard text.count == 8, clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] < 61 else { return nil }
        let zone = rest.dropFirst(9).drop { $0 == "." || $0.isNumber }
        guard let offset = offsetMinutes(zone) else { return nil }
        return utc(date: date, hour: clock[0], minute: clock[1], second: clock[2], offset: offset)
    }

    /// Minutes east of UTC: 0 for "" (no zone: taken as UTC, as Kobo's `_submission_time`) or "Z".
    private static func offsetMinutes(_ zone: Substring) -> Int? {
        if zone.isEmpty || zone == "Z" || zone == "z" { return 0 }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, digits.allSatisfy(\.isNumber),
            let h = Int(digits.prefix(2)), let m = Int(digits.suffix(2)), h <= 14, m < 60
        else { return nil }
        return (sign == "+" ? 1 : -1) * (h * 60 + m)
    }

    /// `date` (YYYY-MM-DD) moved by `n` days.
    package static func adding(days n: Int, to date: String) -> String {
        let (y, m, d) = (Int(date.prefix(4))!, Int(date.dropFirst(5).prefix(2))!, Int(date.dropFirst(8).prefix(2))!)
        return iso(civil(days(y, m, d) + n))
    }

    /// Today's date in UTC.
    package static func today() -> String {
        iso(civil(Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))))
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    private static func days(_ year: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    private static func civil(_ count: Int) -> (Int, Int, Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - (153 * mp + 2) / 5 + 1)
    }

    private static func iso(_ day: (Int, Int, Int)) -> String { "\(day.0)-\(two(day.1))-\(two(day.2))" }
    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension Int {
    fileprivate func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
