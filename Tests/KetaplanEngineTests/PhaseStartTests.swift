import Testing
import KetaplanEngine

/// Where a phase starts is one rule (`PhaseStart`) for the layout, move checks and the
/// safety checker: after a stretched induction, the continuation starts after it for all three.
@Suite struct PhaseStartTests {
    let trd = BuiltInProtocols.esketamineTRD

    @Test func theContinuationStartsFourWeeksAfterTheFirstDose() throws {
        let chart = try giveAll(through: "2026-11-30", in: try plannedChart(trd, start: "2026-11-30"), context: .mock(today: "2026-11-30"))
        let plan = try #require(chart.plan)
        let starts = PhaseStart.days(in: plan)
        #expect(starts[.induction] == day("2026-11-30"))
        #expect(starts[.continuation] == day("2026-12-28"))
        // The layout put the first continuation dose in that week, not before it.
        let firstContinuation = try #require(plan.sessions.first { $0.phase == .continuation })
        #expect(firstContinuation.date >= day("2026-12-28") && firstContinuation.date < day("2027-01-04"))
    }

    @Test func aStretchedInductionMovesTheContinuationForEveryRule() throws {
        var chart = try plannedChart(trd, start: "2026-11-30")
        chart = try giveAll(through: "2026-12-03", in: chart, context: .mock(today: "2026-12-03"))
        let third = try #require(chart.plan?.sessions.first { $0.status == .planned })
        let context = SchedulingContext.mock(today: third.date.iso)
        chart = try Scheduler(context: context)
            .record(SessionOutcome(status: .deferred, record: SessionRecord(deferredUntil: day("2026-12-14"))), for: third.id, in: chart).chart
        let plan = try #require(chart.plan)
        let lastInduction = try #require(plan.sessions.filter { $0.phase == .induction && $0.status.isDose }.map(\.date).max())
        let continuationStart = try #require(PhaseStart.days(in: plan)[.continuation])
        // The week after the last induction dose (weeks counted from the first dose).
        #expect(continuationStart > lastInduction)
        #expect(day("2026-11-30").days(to: continuationStart) % 7 == 0)
        // The layout placed continuation doses from that day, and moving one before it is
        // a broken rule for the move checks as it is for the layout.
        let firstContinuation = try #require(plan.sessions.first { $0.phase == .continuation })
        #expect(firstContinuation.date >= continuationStart)
        let early = lastInduction.adding(days: 1)
        try #require(early < continuationStart, "the stretch must leave days between the last induction dose and the continuation")
        #expect(!Scheduler(context: context).concerns(moving: firstContinuation.id, to: early, in: chart).isEmpty)
        // And the checker does not call the continuation short for the weeks it was pushed.
        #expect(!SafetyChecker(context: context).warnings(for: chart).contains { $0.code == .phaseIncomplete })
    }
}
