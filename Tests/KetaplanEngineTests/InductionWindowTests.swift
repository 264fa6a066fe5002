import Testing
@testable import KetaplanEngine

/// Induction windows, booking over capacity, the patient's days, and on-demand scoring
/// visits (issue examples, with dates).
@Suite struct InductionWindowTests {
    /// Issue example: over Christmas an iv-ketamine-3x series (12 days by protocol, at
    /// most 16) stretches; the plan says so, naming the closures.
    @Test func closuresThatStretchTheInductionAreNamed() throws {
        let context = SchedulingContext.mock(today: "2025-12-22", closed: ["2025-12-24", "2025-12-25", "2025-12-26", "2026-01-01", "2026-01-02"],
                                             horizon: "2026-04-01")
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, start: "2025-12-22", context: context)
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .induction) == ["2025-12-22", "2025-12-29", "2025-12-31", "2026-01-05", "2026-01-07", "2026-01-09"])
        let stretch = try #require(Scheduler(context: context).stretchedPhases(plan).first)
        #expect(stretch.spanDays == 19)
        #expect(stretch.message == "induction laid over 19 days from 2025-12-22, longer than this protocol allows (12 days, at most 16): clinic closed 2025-12-24, 2025-12-25, 2025-12-26, 2026-01-01 and 1 more")
        let w = try #require(SafetyChecker(context: context).warnings(for: chart).first { $0.code == .inductionStretched })
        #expect(w.message.contains("book the induction over capacity"))
        // A series that fits carries no such warning.
        let plain = try plannedChart(BuiltInProtocols.ivKetamine3x, start: "2026-01-05")
        let plainPlan = try #require(plain.plan)
        #expect(Scheduler(context: .mock()).stretchedPhases(plainPlan).isEmpty)
        #expect(!SafetyChecker(context: .mock()).warnings(for: plain).contains { $0.code == .inductionStretched })
    }

    /// Issue example: full chairs pushed an iv-ketamine-2x series late and a week apart.
    /// The stretch is named; booking over capacity keeps it to the protocol's weeks and
    /// marks those sessions as over capacity.
    @Test func fullChairsStretchUnlessBookedOverCapacity() throws {
        var full: [String: Int] = [:]
        var d = day("2026-01-05")
        while d < day("2026-02-15") {
            if d.weekday != .friday { full[d.iso] = 4 }
            d = d.adding(days: 1)
        }
        let context = SchedulingContext.mock(bookings: full)
        let stretched = try plannedChart(BuiltInProtocols.ivKetamine2x, start: "2026-01-05", context: context)
        #expect(dates(stretched.plan, phase: .induction) == ["2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30", "2026-02-06", "2026-02-13"])
        let stretchedPlan = try #require(stretched.plan)
        let stretch = try #require(Scheduler(context: context).stretchedPhases(stretchedPlan).first)
        #expect(stretch.message.hasPrefix("induction laid over 40 days from 2026-01-05, longer than this protocol allows (21 days, at most 28): all chairs booked 2026-01-05"))

        var chart = PatientChart(patient: .mock())
        chart.plan = try Scheduler(context: context).makePlan(for: chart, protocol: BuiltInProtocols.ivKetamine2x, start: day("2026-01-05"),
                                                            bookOverCapacity: true)
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-08", "2026-01-12", "2026-01-15", "2026-01-19", "2026-01-22"])
        #expect(plan.sessions.filter { $0.phase == .induction }.map(\.overCapacity) == [true, true, true, true, true, true])
        #expect(plan.sessions.first?.reason.contains("booked over capacity (all 4 chairs taken), by the clinician's choice") == true)
        #expect(plan.sessions.filter { $0.phase == .maintenance }.allSatisfy { !$0.overCapacity && full[$0.date.iso] == nil })
        #expect(Scheduler(context: context).stretchedPhases(plan).isEmpty)
    }

    /// Issue example: `--days mon` would turn three infusions a week into six weekly ones;
    /// it is refused, naming days that would do; days that can are accepted.
    @Test func preferredDaysThatCannotHoldTheSeriesAreRefused() throws {
        #expect(throws: PlanningError.preferredDaysTooFew([.monday], phase: .induction, perWeek: 3, gap: 2, suggestion: [.monday, .wednesday, .friday])) {
            try plannedChart(BuiltInProtocols.ivKetamine3x, preferred: [.monday])
        }
        let message = PlanningError.preferredDaysTooFew([.monday], phase: .induction, perWeek: 3, gap: 2, suggestion: [.monday, .wednesday, .friday]).description
        #expect(message == "the patient's days (mon) cannot hold the induction's 3 sessions a week at least 2 days apart: choose days that can, e.g. mon,wed,fri")
        // Twice weekly esketamine on Monday and Tuesday: too close; Monday and Thursday work.
        #expect(throws: PlanningError.self) { try plannedChart(BuiltInProtocols.esketamineTRD, preferred: [.monday, .tuesday]) }
        let fine = try plannedChart(BuiltInProtocols.esketamineTRD, preferred: [.monday, .thursday])
        #expect(dates(fine.plan, phase: .induction).prefix(2) == ["2026-01-05", "2026-01-08"])
        #expect(try plannedChart(BuiltInProtocols.ivKetamine3x, preferred: [.monday, .wednesday, .friday]).plan?.sessions.isEmpty == false)
    }

    /// Issue example: on-demand maintenance planned no scoring visits. Now a visit every
    /// 14 days (the clinic's setting) from the later of the last dose and the last score,
    /// and a warning once one is due.
    @Test func onDemandPlansScoringVisits() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .onDemand, assessments: [score(.phq9, 20, on: "2026-01-02")])
        chart = try giveAll(through: "2026-01-16", in: chart, context: .mock(today: "2026-01-16"))
        let calendar = ClinicCalendar()
        let visits = ScoringVisits.days(for: chart, calendar: calendar, settings: ClinicSettings(), today: day("2026-01-19"), through: day("2026-03-01"))
        #expect(visits.map(\.iso) == ["2026-01-30", "2026-02-13", "2026-02-27"])
        chart = Scheduler(context: .mock(today: "2026-02-03")).add(score(.phq9, 6, on: "2026-02-03"), to: chart).chart
        let after = ScoringVisits.days(for: chart, calendar: calendar, settings: ClinicSettings(), today: day("2026-02-03"), through: day("2026-03-01"))
        #expect(after.map(\.iso) == ["2026-02-17"])
        var weekly = ClinicSettings()
        weekly.onDemandScoringIntervalDays = 7
        #expect(ScoringVisits.days(for: chart, calendar: calendar, settings: weekly, today: day("2026-02-03"), through: day("2026-02-25")).map(\.iso)
                == ["2026-02-10", "2026-02-17", "2026-02-24"])
        #expect(!SafetyChecker(context: .mock(today: "2026-02-16")).warnings(for: chart).contains { $0.code == .scoringVisitDue })
        let due = try #require(SafetyChecker(context: .mock(today: "2026-02-18")).warnings(for: chart).first { $0.code == .scoringVisitDue })
        #expect(due.message.contains("a scoring visit was due on 2026-02-17 (every 14 days; nothing since 2026-02-03)"))
        // Induction-phase and other policies have none.
        let induction = try plannedChart(BuiltInProtocols.ivKetamine3x)
        #expect(ScoringVisits.days(for: induction, calendar: calendar, settings: ClinicSettings(), today: day("2026-01-05"), through: day("2026-03-01")).isEmpty)
    }
}
