import Testing
@testable import KetaplanEngine

/// A score is recorded on or after the day it was taken (Assessment.checkDate), the one
/// rule `score add --date` and the score form use.
@Suite struct AssessmentDateTests {
    let today = try! CalendarDay(iso: "2026-11-26")

    @Test func aScoreAfterTodayIsRefusedAndTodayOrEarlierIsAccepted() throws {
        let tomorrow = today.adding(days: 1)
        #expect(throws: AssessmentError.scoredAfterToday(tomorrow)) { try Assessment.checkDate(tomorrow, today: today) }
        #expect(AssessmentError.scoredAfterToday(tomorrow).description == "2026-11-27 is after today; scores are recorded on or after the day they are taken")
        try Assessment.checkDate(today, today: today)
        try Assessment.checkDate(today.adding(days: -30), today: today)
    }
}
