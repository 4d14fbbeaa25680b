import TerritorioCore

/// Opening hours written out for people, in Italian, English, French or Arabic:
/// `Mo-Fr 09:00-12:00; Sa 09:00-12:00; PH off` → "lun–ven 09:00–12:00; sab 09:00–12:00; chiuso nei festivi".
public enum OpeningHoursText {
    package static let days: [String: [String]] = [
        "it": ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
        "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
    ]
    package static let holidays = [
        "it": "chiuso nei festivi", "en": "closed on public holidays", "fr": "fermé les jours fériés",
        "ar": "مغلق في العطل الرسمية"
    ]
    package static let always = [
        "it": "aperto 24 ore su 24, tutti i giorni", "en": "open 24/7", "fr": "ouvert 24 h/24, 7 j/7",
        "ar": "مفتوح على مدار الساعة طوال الأسبوع"
    ]
    package static let closed = ["it": "chiuso", "en": "closed", "fr": "fermé", "ar": "مغلق"]

    public static func describe(_ hours: OpeningHours, language: String) -> String {
        let names = days[language] ?? days["en"]!
        if hours.isAlwaysOpen { return always[language] ?? always["en"]! }
        let week = hours.week
        var groups: [(times: [OpeningHours.TimeRange], days: [OpeningHours.Weekday])] = []
        for day in OpeningHours.Weekday.allCases {
            guard let times = week[day] else { continue }
            if let i = groups.firstIndex(where: { $0.times == times }) {
                groups[i].days.append(day)
            } else {
                groups.append((times, [day]))
            }
        }
        // In Arabic, each time range is a left-to-right island (LRI … PDI): "09:00–12:00" keeps its order.
        let isolate: (String) -> String = language == "ar" ? { "\u{2066}\($0)\u{2069}" } : { $0 }
        var parts = groups.map { group in
            dayList(group.days, names) + " "
                + group.times.map { isolate($0.description.replacingOccurrences(of: "-", with: "–")) }.joined(
                    separator: language == "ar" ? "، " : ", ")
        }
        if parts.isEmpty { parts.append(closed[language] ?? closed["en"]!) }
        if hours.closedOnPublicHolidays == true { parts.append(holidays[language] ?? holidays["en"]!) }
        return parts.joined(separator: "; ")
    }

    /// "lun–ven", "lun, mer, ven", "mar, gio": runs of three days or more become ranges.
    package static func dayList(_ days: [OpeningHours.Weekday], _ names: [String]) -> String {
        var runs: [[OpeningHours.Weekday]] = []
        for d in days.sorted() {
            if let last = runs.last?.last, last.rawValue + 1 == d.rawValue {
                runs[runs.count - 1].append(d)
            } else {
                runs.append([d])
            }
        }
        return runs.map { run in
            run.count >= 3
                ? names[run.first!.rawValue] + "–" + names[run.last!.rawValue]
                : run.map { names[$0.rawValue] }.joined(separator: ", ")
        }.joined(separator: ", ")
    }
}
