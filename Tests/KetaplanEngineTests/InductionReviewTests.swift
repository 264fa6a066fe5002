import Testing
@testable import KetaplanEngine

/// Esketamine: the end-of-induction review comes after week 4, before the first week-5
/// dose, through the engine's hold mechanism (issue example: it was asked before week 9).
@Suite struct InductionReviewTests {
    /// Induction Mon/Wed 5-28 January 2026; week 5 begins Monday 2 February.
    func inducted() throws -> PatientChart {
        let chart = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-01-05")
        return try giveAll(through: "2026-01-28", in: chart, context: .mock(today: "2026-01-28"))
    }

    @Test func weekFiveIsHeldUntilTheReviewIsRecorded() throws {
        let chart = try inducted()
        let context = SchedulingContext.mock(today: "2026-02-02")
        let hold = try #require(HoldChecker(context: context).holds(for: chart).first { $0.code == .inductionReview })
        #expect(hold.scope == .dosesFrom(day("2026-02-02")))
        #expect(hold.message.contains("after week 4 (last induction dose 2026-01-28) before week 5 begins on 2026-02-02"))
        #expect(hold.howToLift.contains("ketaplan review P-1 --kind end-of-induction"))
        let weekFive = try #require(chart.plan?.sessions.first { $0.date == day("2026-02-02") })
        #expect(weekFive.phase == .continuation)
        // Refused, naming the hold and what lifts it.
        #expect(throws: PlanningError.self) {
            try Scheduler(context: context).record(SessionOutcome(status: .given, record: calmRecord(on: weekFive.date)), for: weekFive.id, in: chart)
        }
        do {
            _ = try Scheduler(context: context).record(SessionOutcome(status: .given, record: calmRecord(on: weekFive.date)), for: weekFive.id, in: chart)
        } catch {
            #expect(error.description.contains("on hold (induction review)"))
            #expect(error.description.contains("--kind end-of-induction"))
        }
        // Not asked before week 9 any more (no maintenance-time warning).
        #expect(!SafetyChecker(context: context).warnings(for: chart).contains { $0.code == .assessmentBeforeMaintenance })

        // A review dated before the last induction dose does not count.
        let early = Scheduler(context: context).add(ClinicianReview(kind: .endOfInduction, on: day("2026-01-27"), by: "dr.k"), to: chart).chart
        #expect(HoldChecker(context: context).holds(for: early).contains { $0.code == .inductionReview })
        // Recorded after week 4: week 5 can be given.
        let reviewed = Scheduler(context: context).add(ClinicianReview(kind: .endOfInduction, on: day("2026-02-02"), by: "dr.k", note: "MADRS halved; continue"), to: chart).chart
        #expect(!HoldChecker(context: context).holds(for: reviewed).contains { $0.code == .inductionReview })
        let given = try Scheduler(context: context).record(SessionOutcome(status: .given, record: calmRecord(on: weekFive.date)), for: weekFive.id, in: reviewed)
        #expect(given.chart.plan?.session(weekFive.id)?.status == .given)
    }

    /// The hold stands once the last induction dose is due, holds week 5 on and never
    /// weeks 1-4, and moves with a deferred first dose.
    @Test func theHoldStartsAtWeekFiveFromTheFirstDose() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-01-05")
        let first = try #require(chart.plan?.sessions.first)
        chart = try Scheduler(context: .mock()).record(SessionOutcome(status: .deferred, record: SessionRecord(deferredUntil: day("2026-01-14"))), for: first.id, in: chart).chart
        #expect(HoldChecker(context: .mock()).holds(for: chart).isEmpty)
        let lastDay = SchedulingContext.mock(today: "2026-02-06")
        let held = HoldChecker(context: lastDay).heldSessions(in: chart)
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .induction).last == "2026-02-06")
        #expect(plan.sessions.filter { $0.phase == .induction && held[$0.id] != nil }.isEmpty)
        #expect(plan.sessions.filter { $0.phase != .induction && $0.status == .planned }.allSatisfy { held[$0.id] != nil })
        #expect(HoldChecker(context: lastDay).holds(for: chart).first { $0.code == .inductionReview }?.scope == .dosesFrom(day("2026-02-11")))
        // Racemic ketamine keeps its warning instead of a hold.
        let iv = try plannedChart(BuiltInProtocols.ivKetamine3x)
        #expect(!HoldChecker(context: .mock()).holds(for: iv).contains { $0.code == .inductionReview })
    }
}
