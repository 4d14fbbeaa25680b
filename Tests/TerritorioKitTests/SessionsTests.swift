import Foundation
import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("Self-help group sessions")
struct SessionsTests {
    static let header = Session.columns.joined(separator: ",")

    @Test("recurrence: weekly and monthly (BYDAY with ordinals), COUNT and UNTIL")
    func recurrence() throws {
        let weekly = try RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5").get()
        #expect(
            weekly.dates(first: "2026-12-01") == [
                "2026-12-01", "2026-12-03", "2026-12-08", "2026-12-10",
                "2026-12-15"
            ])
        let lastFriday = try RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270228").get()
        #expect(
            lastFriday.dates(first: "2026-10-30") == [
                "2026-10-30", "2026-11-27", "2026-12-25", "2027-01-29",
                "2027-02-26"
            ])
        let firstThursday = try RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH;COUNT=3").get()
        #expect(firstThursday.dates(first: "2026-10-01") == ["2026-10-01", "2026-12-03", "2027-02-04"])
        #expect(firstThursday.dates(first: "2026-10-01", from: "2026-11-01") == ["2026-12-03", "2027-02-04"])
        #expect(!lastFriday.startsOnRule("2026-10-23"), "a first date off the rule is refused at import")
        for bad in [
            "FREQ=DAILY", "FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "FREQ=WEEKLY;BYDAY=1TU",
            "FREQ=WEEKLY;BYHOUR=9"
        ] {
            if case .success = RecurrenceRule.parse(bad) { Issue.record("accepted \(bad)") }
        }
    }

    @Test("iCalendar text: escaping of , ; \\ and newlines, folding at 75 octets without splitting a character")
    func escapingAndFolding() {
        #expect(ICalendar.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let long = "DESCRIPTION:" + String(repeating: "مرحبا بكم ", count: 20)
        let folded = ICalendar.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(
            lines.enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined() == long,
            "unfolding gives the line back")
        #expect(ICalendar.untilUTC("2027-05-28", time: "10:00") == "20270528T080000Z", "summer: UTC+2")
        #expect(ICalendar.untilUTC("2026-12-29", time: "18:00") == "20261229T170000Z", "winter: UTC+1")
    }

    @Test("import is strict: every problem with its row and column, nothing stored; good rows round-trip through CSV")
    func strictImport() throws {
        let store = try Fixture.demoStore()
        let check = SessionCheck(
            categories: Set(try store.categories().map(\.code)),
            services: Set(try store.services().map(\.id)))
        let bad = try Fixture.file(
            "bad.csv",
            Self.header + "\n"
                + "s1,2026-12-01,18:00,19:00,FREQ=WEEKLY;BYDAY=WE,Tema,,,,Consorzio,nowhere,,,,it,food,no,\n"
                + "s2,2026-13-01,18:00,17:00,,,,,,Dott. Rossi,,Via Roma,,,xx,,maybe,\n")
        do {
            _ = try check.read(path: bad)
            Issue.record("a bad file was accepted")
        } catch let error as InputError {
            let text = error.description
            for expected in [
                "row 2", "rrule", "service_id", "row 3", "date", "end_time", "topic_it", "organization",
                "lat/lon", "languages", "categories", "booking"
            ] {
                #expect(text.contains(expected), "missing \(expected) in \(text)")
            }
        }
        #expect(try store.sessions().isEmpty)
        let good = try Fixture.file(
            "good.csv",
            Self.header + "\n"
                + "s1,2026-12-02,18:00,19:30,FREQ=WEEKLY;BYDAY=WE;COUNT=4,"
                + "\"Tema, con virgola\",Topic,Sujet,موضوع,Consorzio,"
                + "cis-segretariato-novi,,,,it;ar,listening,yes,test\n")
        let sessions = try check.read(path: good)
        try store.importSessions(sessions, source: good)
        let again = try Fixture.file("again.csv", try SessionExport.csv(try store.sessions().map(\.session)))
        #expect(try check.read(path: again) == sessions, "export then import changes nothing")
        let report = try store.importSessions(try check.read(path: again), source: again)
        #expect(report.unchanged == ["s1"])
    }

    @Test("the poster lists the next sessions in four languages, soonest first")
    func poster() throws {
        let store = try Fixture.demoStore()
        let check = SessionCheck(
            categories: Set(try store.categories().map(\.code)),
            services: Set(try store.services().map(\.id)))
        let file = try Fixture.file(
            "s.csv",
            Self.header + "\n"
                + "w,2026-12-02,18:00,19:30,FREQ=WEEKLY;BYDAY=WE;COUNT=3,"
                + "Martedì <insieme>,Together,Ensemble,معاً,Consorzio,"
                + "cis-segretariato-novi,,,,it,listening,yes,\n"
                + "old,2026-01-07,10:00,11:00,,Passato,Past,Passé,ماضٍ,Consorzio,,Via Roma 1,44.76,8.79,it,listening,no,\n"
        )
        try store.importSessions(try check.read(path: file), source: file)
        var poster = try Poster.load(store: store, faq: Fixture.geoData + "/faq.csv")
        poster.today = "2026-12-05"
        #expect(poster.nextSessions().map(\.date) == ["2026-12-09", "2026-12-16"])
        let titles = [
            "it": "Incontri del gruppo di auto-mutuo-aiuto", "en": "Self-help group meetings",
            "fr": "Rencontres du groupe d'entraide", "ar": "لقاءات مجموعة المساعدة الذاتية المتبادلة"
        ]
        for (language, title) in titles {
            let html = poster.html(language: language)
            #expect(html.contains(Markup.escape(title)) && html.contains("2026") && !html.contains("Passato"))
        }
        #expect(poster.html(language: "it").contains("Martedì &lt;insieme&gt;"))
        poster.today = "2027-01-01"
        #expect(!poster.html(language: "it").contains("id=\"sessions\""), "no upcoming session: no block")
    }
}
