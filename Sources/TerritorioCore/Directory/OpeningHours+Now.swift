import Foundation

extension OpeningHours {
    /// Whether the hours say open at `date` in `timeZone` (Europe/Rome by default). Public-holiday
    /// rules are not applied: the calendar of holidays is not known here.
    public func isOpen(at date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Rome")!) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        // Calendar: 1 = Sunday … 7 = Saturday; Weekday: 0 = Monday … 6 = Sunday.
        let today = ((parts.weekday ?? 2) + 5) % 7
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return isOpen(weekday: today, minute: minute)
    }

    /// Whether open on `weekday` (0 = Monday) at `minute` past midnight, counting yesterday's
    /// ranges that run past midnight.
    public func isOpen(weekday: Int, minute: Int) -> Bool {
        let week = self.week
        let today = Weekday(rawValue: weekday).flatMap { week[$0] } ?? []
        if today.contains(where: { $0.start <= minute && minute < $0.end }) { return true }
        let yesterday = Weekday(rawValue: (weekday + 6) % 7).flatMap { week[$0] } ?? []
        return yesterday.contains { $0.end > 1440 && minute < $0.end - 1440 }
    }
}
