import Foundation

/// The sessions as an iCalendar file (RFC 5545): a `VTIMEZONE` for Europe/Rome with its daylight
/// saving rules, one `VEVENT` per session with `DTSTART;TZID=Europe/Rome`, its `RRULE`, a stable
/// `UID` and `DTSTAMP`; text escaped (`\`, `;`, `,`, newlines) and lines folded at 75 octets, CRLF.
public enum ICalendar {
    static let timeZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Rome
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """

    /// The calendar of `sessions` (with the time each was stored, for `DTSTAMP`); places named by
    /// `services` (id → service).
    public static func make(
        _ sessions: [(session: Session, updatedAt: String)],
        services: [String: Service]
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//territorio//self-help group sessions//IT",
            "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + escape(Phrases.text("sessions.title", "it")),
            "X-WR-TIMEZONE:Europe/Rome"
        ]
        lines += timeZone.split(separator: "\n").map(String.init)
        for (session, stamp) in sessions {
            lines += event(
                session, stamp: stamp,
                service: session.serviceID.flatMap { services[$0] })
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    package static func event(_ s: Session, stamp: String, service: Service?) -> [String] {
        let day = s.date.replacingOccurrences(of: "-", with: "")
        func clock(_ t: String) -> String { t.replacingOccurrences(of: ":", with: "") + "00" }
        var lines = [
            "BEGIN:VEVENT", "UID:\(s.id)@territorio.sessions", "DTSTAMP:" + utcStamp(stamp),
            "DTSTART;TZID=Europe/Rome:\(day)T\(clock(s.startTime))",
            "DTEND;TZID=Europe/Rome:\(day)T\(clock(s.endTime))"
        ]
        if let rule = s.recurrence {
            lines.append("RRULE:" + rule.text(untilUTC: rule.until.flatMap { untilUTC($0, time: s.startTime) }))
        }
        lines.append("SUMMARY;LANGUAGE=it:" + escape(s.topic("it")))
        lines.append("DESCRIPTION:" + escape(description(s)))
        let place = [service?.name, service?.address ?? s.address].compactMap { $0 }.joined(separator: ", ")
        if !place.isEmpty { lines.append("LOCATION:" + escape(place)) }
        if let point = s.location ?? service?.location { lines.append("GEO:\(point.lat);\(point.lon)") }
        if !s.categories.isEmpty { lines.append("CATEGORIES:" + s.categories.map(escape).joined(separator: ",")) }
        lines.append("X-TERRITORIO-BOOKING:" + (s.booking ? "TRUE" : "FALSE"))
        lines.append("END:VEVENT")
        return lines
    }

    /// The topic in every language, the organisation, the languages and booking, one per line.
    package static func description(_ s: Session) -> String {
        var lines = Phrases.languages.compactMap { l in s.topic[l].map { "[\(l)] \($0)" } }
        lines.append(Phrases.text("sessions.with", "it", s.organization))
        if !s.languages.isEmpty {
            lines.append(
                Phrases.text("poster.languages", "it") + ": "
                    + s.languages.joined(separator: ", "))
        }
        lines.append(Phrases.text(s.booking ? "sessions.booking" : "sessions.free", "it"))
        return lines.joined(separator: "\n")
    }

    /// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets (continuations start with a space),
    /// never inside a UTF-8 character.
    public static func fold(_ line: String) -> String {
        var out: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out.append(current)
                current = " "
                octets = 1
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        out.append(current)
        return out.joined(separator: "\r\n")
    }

    /// `2026-11-26T10:37:00Z` → `20261126T103700Z`.
    package static func utcStamp(_ iso: String) -> String {
        iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// The last session's start on the local day `until`, as a UTC instant (`YYYYMMDDTHHMMSSZ`),
    /// as RFC 5545 asks of `UNTIL` when `DTSTART` has a time zone.
    package static func untilUTC(_ until: String, time: String) -> String? {
        guard let zone = TimeZone(identifier: Session.timeZone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let d = until.split(separator: "-").compactMap { Int($0) }
        let t = time.split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 2,
            let date = calendar.date(
                from: DateComponents(
                    year: d[0], month: d[1], day: d[2], hour: t[0],
                    minute: t[1]))
        else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
