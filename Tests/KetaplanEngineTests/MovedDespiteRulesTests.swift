import Testing
@testable import KetaplanEngine

/// A session moved although the move broke a rule, or one left on a day the clinic has
/// since closed, carries a warning naming the session, its day and the rule until it is
/// recorded (issue 14, item 2).
@Suite struct MovedDespiteRulesTests {
    let wednesday = SchedulingContext.mock(today: "2026-01-07")

    func ivChart() throws -> PatientChart {
        try giveAll(through: "2026-01-05", in: try plannedChart(BuiltInProtocols.ivKetamine3x), context: wednesday)
    }

    func moved(_ chart: PatientChart) -> [PlanWarning] {
        SafetyChecker(context: wednesday).warnings(for: chart).filter { $0.code == .movedDespiteRules }
    }

    @Test func aMoveDespiteAClosedDayIsWarnedOfUntilRecorded() throws {
        let chart = try ivChart()
        #expect(moved(chart).isEmpty, "no warning before any move")
        let third = try #require(chart.plan?.session(number: 3))
        let update = try Scheduler(context: wednesday).move(third.id, to: day("2026-01-10"), in: chart, acceptingConcerns: true)
        let warnings = moved(update.chart)
        #expect(warnings.count == 1)
        let w = try #require(warnings.first)
        #expect(w.severity == .caution)
        #expect(w.sessionID == third.id)
        #expect(w.message.contains("session 3 on Sat 2026-01-10"), "\(w.message)")
        #expect(w.message.contains("clinic closed that weekday"), "names the rule broken: \(w.message)")
        // Recorded, the warning goes: what happened that day is on the record.
        let saturday = SchedulingContext.mock(today: "2026-01-10")
        let recorded = try Scheduler(context: saturday).record(SessionOutcome(status: .given, record: calmRecord(on: day("2026-01-10"))), for: third.id, in: update.chart)
        #expect(SafetyChecker(context: saturday).warnings(for: recorded.chart).filter { $0.code == .movedDespiteRules }.isEmpty)
    }

    @Test func aMoveThatBreaksNoRuleCarriesNoWarning() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let sixth = try #require(chart.plan?.session(number: 6))
        let clean = try #require((1...21).map { sixth.date.adding(days: $0) }.first { scheduler.concerns(moving: sixth.id, to: $0, in: chart).isEmpty })
        let update = try scheduler.move(sixth.id, to: clean, in: chart)
        #expect(update.chart.plan?.session(sixth.id)?.pinned == true)
        #expect(moved(update.chart).isEmpty)
    }

    @Test func aSessionOnADayTheClinicClosedSinceIsWarnedOf() throws {
        let chart = try ivChart()
        let fourth = try #require(chart.plan?.session(number: 4))
        let closedNow = SchedulingContext.mock(today: "2026-01-07", closed: [fourth.date.iso])
        let warnings = SafetyChecker(context: closedNow).warnings(for: chart).filter { $0.code == .movedDespiteRules }
        #expect(warnings.map(\.sessionID) == [fourth.id])
        #expect(warnings.first?.message.contains("session 4 on \(fourth.date.shortLabel) is on a day the clinic is closed") == true)
    }
}
