import Testing

@testable import TerritorioCore
@testable import TerritorioGeometry
@testable import TerritorioIO
@testable import TerritorioKit
@testable import TerritorioRender
@testable import TerritorioStore
@testable import TerritorioStoreAPI

@Suite("OpenStreetMap opening hours")
struct OpeningHoursTests {
    @Test(
        "common values are read and written back in normal form",
        arguments: [
            ("Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00"),
            ("Mo-Fr 08:30-12:30,14:00-17:00; Sa 09:00-12:00", "Mo-Fr 08:30-12:30,14:00-17:00; Sa 09:00-12:00"),
            ("Mo,We,Fr 9:00-11:30;PH off", "Mo,We,Fr 09:00-11:30; PH off"),
            ("24/7", "24/7"),
            ("Mo-Su 19:30-08:00", "Mo-Su 19:30-08:00"),
            ("Tu,Th 14:30-16:30; Mo-We off", "Tu,Th 14:30-16:30; Mo-We off"),
            ("Mo,Tu,We 10:00-11:00", "Mo-We 10:00-11:00"),
            ("Sa closed", "Sa off"),
            ("Mo-Fr", "Mo-Fr 00:00-24:00")
        ])
    func normalForm(_ input: String, _ expected: String) throws {
        let hours = try OpeningHours.parse(input)
        #expect(hours.description == expected)
        #expect(try OpeningHours.parse(hours.description) == hours, "the normal form reads back to the same rules")
    }

    @Test("later rules override earlier ones for the days they name")
    func override() throws {
        let week = try OpeningHours.parse("Mo-Fr 09:00-17:00; We 09:00-12:00; Fr off").week
        #expect(week[.mo]?.map(\.description) == ["09:00-17:00"])
        #expect(week[.we]?.map(\.description) == ["09:00-12:00"])
        #expect(week[.fr] == nil)
        #expect(week[.sa] == nil)
    }

    @Test("24/7 is open every day all day; PH off closes on holidays; past midnight stays on its day")
    func specialValues() throws {
        #expect(try OpeningHours.parse("24/7").isAlwaysOpen)
        #expect(try OpeningHours.parse("Mo-Fr 09:00-12:00; PH off").closedOnPublicHolidays == true)
        #expect(try OpeningHours.parse("Mo-Fr 09:00-12:00").closedOnPublicHolidays == nil)
        let night = try OpeningHours.parse("Mo-Su 19:30-08:00").week[.mo]!
        #expect(night == [OpeningHours.TimeRange(start: 19 * 60 + 30, end: 24 * 60 + 8 * 60)])
        #expect(
            try OpeningHours.parse("Sa-Mo 10:00-11:00").week.keys.sorted() == [.mo, .sa, .su], "ranges wrap over Sunday"
        )
    }

    @Test(
        "unreadable values say where and what was expected",
        arguments: [
            ("Mo-Fr 9-12", "\"9-12\""), ("Lu-Ve 09:00-12:00", "\"Lu-Ve\""), ("Mo-Fr 09:00-25:00", "\"09:00-25:00\""),
            ("Mo-Fr 09:00", "a time range"), ("off off", "one list"), ("", "a value"),
            ("Mo-Fr 09:00-12:00 14:00-16:00", "one list of time ranges"),
            ("sunrise-sunset", "\"sunrise-sunset\"")
        ])
    func errors(_ input: String, _ fragment: String) {
        #expect {
            try OpeningHours.parse(input)
        } throws: { "\($0)".contains(fragment) && "\($0)".contains("OpenStreetMap syntax") }
    }
}
