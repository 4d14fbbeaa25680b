import Foundation
import TerritorioCore

/// The sessions as CSV (the import format) and as an Open Referral HSDS 3.0 `schedule` table.
public enum SessionExport {
    /// The import format: importing it again changes nothing.
    public static func csv(_ sessions: [Session]) throws -> String {
        try CSVText.make(
            header: Session.columns,
            rows: sessions.map { s in Session.columns.map { s.fields[$0] ?? "" } })
    }

    /// The HSDS 3.0 schedule fields (RFC 5545 recurrence, local times in `timezone`).
    package static let scheduleFields = [
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
        "byweekno",
        "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
        "attending_type", "notes"
    ]

    /// One HSDS `schedule` row per session; a session at a service of the directory points to it
    /// (the ids the services' HSDS package uses).
    public static func scheduleRows(_ sessions: [Session]) -> [[String: String]] {
        sessions.map { s in
            let rule = s.recurrence
            let last = s.dates(limit: 1000).last ?? s.date
            return [
                "id": StableUUID.make("session", s.id),
                "service_id": s.serviceID.map { StableUUID.make("service", $0) } ?? "",
                "location_id": s.serviceID.map { StableUUID.make("location", $0) } ?? "",
                "valid_from": s.date, "valid_to": rule == nil ? s.date : (rule?.until ?? last),
                "dtstart": s.date, "timezone": Session.timeZone, "until": rule?.until ?? "",
                "count": rule?.count.map(String.init) ?? "", "wkst": "MO",
                "freq": rule?.frequency.rawValue ?? "", "interval": rule.map { String($0.interval) } ?? "",
                "byday": rule?.days.map(\.text).joined(separator: ",") ?? "",
                "description": s.topic("it") + " — " + Phrases.text("sessions.with", "it", s.organization),
                "opens_at": s.startTime + ":00", "closes_at": s.endTime + ":00", "attending_type": "in_person",
                "notes": (s.booking ? Phrases.text("sessions.booking", "en") : Phrases.text("sessions.free", "en"))
                    + (s.languages.isEmpty ? "" : "; languages: " + s.languages.joined(separator: ", "))
            ]
        }
    }

    /// Writes `DIR/schedules.csv` and its `datapackage.json` (HSDS 3.0 `schedule`).
    public static func hsds(_ sessions: [Session], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let rows = scheduleRows(sessions)
        try AtomicFile.write(
            try CSVText.make(
                header: scheduleFields,
                rows: rows.map { r in scheduleFields.map { r[$0] ?? "" } }),
            to: directory + "/schedules.csv")
        let table = HSDSExport.Table(
            name: "schedule", path: "schedules.csv",
            fields: scheduleFields.map { name in
                switch name {
                case "id", "service_id", "location_id", "service_at_location_id": HSDSExport.id(name)
                case "valid_from", "valid_to", "dtstart", "until": HSDSExport.Field(name: name, type: "date")
                case "count", "interval": HSDSExport.Field(name: name, type: "integer")
                case "opens_at", "closes_at": HSDSExport.Field(name: name, type: "time")
                case "freq": HSDSExport.Field(name: name, values: ["WEEKLY", "MONTHLY", ""])
                default: HSDSExport.text(name)
                }
            }, foreignKeys: [])
        try AtomicFile.write(try HSDSExport.datapackage([table]), to: directory + "/datapackage.json")
    }
}
