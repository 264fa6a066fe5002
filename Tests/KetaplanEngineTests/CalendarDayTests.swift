import Testing
import PropertyBased
@testable import KetaplanEngine

@Suite struct CalendarDayTests {
    @Test func parsesAndPrintsISO() throws {
        let d = try CalendarDay(iso: "2026-03-09")
        #expect(d.components == (2026, 3, 9))
        #expect(d.iso == "2026-03-09")
        #expect(d.weekday == .monday)
        #expect(try CalendarDay(iso: "1970-01-01").daysSinceEpoch == 0)
        #expect(try CalendarDay(iso: "1970-01-01").weekday == .thursday)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31", "0000-01-01"])
    func refusesImpossibleDates(_ text: String) {
        #expect(throws: CalendarDayError.impossibleDate(text)) { try CalendarDay(iso: text) }
    }

    @Test(arguments: ["26-01-01", "2026/01/01", "2026-1-1", "", "today", "2026-01-01T00:00", "２０２６-01-01"])
    func refusesMalformedText(_ text: String) {
        #expect(throws: CalendarDayError.malformed(text)) { try CalendarDay(iso: text) }
    }

    // Days of exactly ten characters are read straight from their bytes: every other
    // ten-character text is refused as before, naming it.
    @Test(arguments: ["2026x01-01", "2026-01-0a", "+026-01-01", "2026-01-1 ", "-026-01-01", "2026-0１-01"])
    func refusesTenCharacterTextThatIsNoDay(_ text: String) throws {
        #expect(throws: CalendarDayError.malformed(text)) { try CalendarDay(iso: text) }
        #expect(try CalendarDay(iso: "2026-01-01").iso == "2026-01-01", "and the day itself is read")
    }

    // Issue #10 item 2: days past 2199 (or before 1900) were accepted and written, and the
    // file then no longer loaded.
    @Test(arguments: ["9999-12-31", "2200-01-01", "1899-12-31", "1800-01-01"])
    func refusesDaysOutsideTheSupportedRange(_ text: String) {
        #expect(throws: CalendarDayError.outOfRange(text)) { try CalendarDay(iso: text) }
        #expect(CalendarDayError.outOfRange(text).description.contains("1900-01-01 to 2199-12-31"))
    }

    @Test func acceptsTheEdgesOfTheSupportedRange() throws {
        #expect(try CalendarDay(iso: "1900-01-01") == CalendarDay.earliest)
        #expect(try CalendarDay(iso: "2199-12-31") == CalendarDay.latest)
        #expect(CalendarDay.latest.isSupported && !CalendarDay.latest.adding(days: 1).isSupported)
    }

    @Test func leapYears() throws {
        #expect(try CalendarDay(iso: "2024-02-29").adding(days: 1).iso == "2024-03-01")
        #expect(try CalendarDay(iso: "2000-02-29").iso == "2000-02-29")
        #expect(throws: CalendarDayError.self) { try CalendarDay(iso: "1900-02-29") }
    }

    @Test func ageCountsCompletedYears() {
        #expect(day("2026-03-01").age(bornOn: day("1961-03-02")) == 64)
        #expect(day("2026-03-02").age(bornOn: day("1961-03-02")) == 65)
    }

    @Test func weekStartsOnMonday() {
        #expect(day("2026-01-11").startOfWeek == day("2026-01-05"))
        #expect(day("2026-01-05").startOfWeek == day("2026-01-05"))
    }

    @Test func componentsRoundTripForManyDays() async {
        await propertyCheck(count: 500, input: Gen.int(in: -200_000...2_000_000)) { n in
            let d = CalendarDay(daysSinceEpoch: n)
            let (y, m, dd) = d.components
            guard CalendarDay.supportedYears.contains(y) else {
                #expect(throws: CalendarDayError.outOfRange(d.iso)) { try CalendarDay(iso: d.iso) }
                return
            }
            #expect((try? CalendarDay(year: y, month: m, day: dd)) == d)
            #expect((try? CalendarDay(iso: d.iso)) == d)
            #expect(d.adding(days: 1).weekday.rawValue == (d.weekday.rawValue + 1) % 7)
        }
    }

    @Test func weekdayNames() {
        #expect(Weekday(name: "thu") == .thursday)
        #expect(Weekday(name: "Thursday") == .thursday)
        #expect(Weekday(name: "th") == nil)
        #expect(Weekday(name: "xyz") == nil)
    }

    @Test func timeOfDay() throws {
        #expect(try TimeOfDay(text: "09:30").description == "09:30")
        #expect(throws: TimeOfDayError.self) { try TimeOfDay(text: "24:00") }
        #expect(throws: TimeOfDayError.self) { try TimeOfDay(text: "9.30") }
    }
}
