import Testing
@testable import KetaplanEngine

/// The esketamine-trd schedule must match the Spravato label week by week.
@Suite struct EsketamineLabelTests {
    /// Sessions per treatment week (7-day blocks from the start date).
    func perTreatmentWeek(_ plan: Plan, weeks: Int) -> [Int] {
        (0..<weeks).map { w in
            let start = plan.startDate.adding(days: 7 * w)
            return plan.sessions.filter { $0.date >= start && $0.date < start.adding(days: 7) }.count
        }
    }

    @Test func fromAMondayStart() throws {
        let chart = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-01-05")
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-07", "2026-01-12", "2026-01-14",
                                                     "2026-01-19", "2026-01-21", "2026-01-26", "2026-01-28"])
        #expect(dates(plan, phase: .continuation) == ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"])
        #expect(dates(plan, phase: .maintenance).first == "2026-03-02")
        #expect(plan.sessions.first?.plannedDoseMg == 56)
        #expect(plan.sessions.allSatisfy { [56.0, 84.0].contains($0.plannedDoseMg ?? 0) })
        #expect(plan.sessions.allSatisfy { $0.chairMinutes == 135 })
    }

    @Test(arguments: ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-01-10", "2026-03-26", "2026-12-31"])
    func weekByWeek(start: String) throws {
        let context = SchedulingContext.mock(today: start, horizon: "2027-12-31")
        let plan = try #require(try plannedChart(BuiltInProtocols.esketamineTRD, start: start, context: context).plan)
        let first = try #require(plan.sessions.first)
        // Weeks 1-4 twice weekly, weeks 5-8 once weekly (the first week may begin on a closed day).
        let weeks = perTreatmentWeek(plan, weeks: 8)
        #expect(weeks == [2, 2, 2, 2, 1, 1, 1, 1])
        #expect(plan.sessions.prefix(8).allSatisfy { $0.phase == .induction })
        #expect(plan.sessions.dropFirst(8).prefix(4).allSatisfy { $0.phase == .continuation })
        #expect(first.plannedDoseMg == 56)
        // Week 9 on: weekly or every two weeks, never before week 9.
        let maintenance = plan.sessions.filter { $0.phase == .maintenance }
        #expect(!maintenance.isEmpty)
        #expect(maintenance.allSatisfy { plan.startDate.days(to: $0.date) >= 56 })
        var previous = plan.sessions.filter { $0.phase == .continuation }.last!.date
        for session in maintenance {
            #expect([7, 14].contains(previous.days(to: session.date)), "maintenance \(session.date) is \(previous.days(to: session.date)) days after \(previous)")
            previous = session.date
        }
    }

    @Test func olderAdultsStartAt28mg() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.esketamineTRD, patient: .mock(born: "1955-06-01")).plan)
        #expect(plan.sessions.first?.plannedDoseMg == 28)
        #expect(plan.sessions.dropFirst().allSatisfy { $0.plannedDoseMg == 56 })
    }

    @Test func mdsiIsFourWeeksOf84mgThenStops() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineMDSI, patient: .mock(conditions: [.mddWithSuicidalIdeation]))
        let plan = try #require(chart.plan)
        #expect(plan.sessions.count == 8)
        #expect(plan.sessions.allSatisfy { $0.plannedDoseMg == 84 && $0.phase == .induction })
        #expect(plan.maintenancePolicy == nil)
        let warnings = SafetyChecker(context: .mock()).warnings(for: chart)
        #expect(warnings.contains { $0.code == .courseEndsForReview })
        #expect(!warnings.contains { $0.code == .beyondEvaluatedDuration })
        // A session moved past week 4 is flagged.
        let scheduler = Scheduler(context: .mock())
        let last = plan.sessions.last!
        chart = try scheduler.move(last.id, to: day("2026-02-03"), in: chart, acceptingConcerns: true).chart
        #expect(SafetyChecker(context: .mock()).warnings(for: chart).contains { $0.code == .beyondEvaluatedDuration })
    }

    @Test func contraindicationBlocksEsketamineOnly() throws {
        var screening = Screening.allClear(on: day("2026-01-01"))
        screening.answers[.arteriovenousMalformation] = true
        let patient = Patient.mock(screening: screening)
        #expect(throws: PlanningError.contraindicated([.arteriovenousMalformation])) {
            try plannedChart(BuiltInProtocols.esketamineTRD, patient: patient)
        }
        // Racemic ketamine: planned, with a critical warning until a clinician acknowledges it.
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient)
        #expect(chart.plan?.sessions.isEmpty == false)
        #expect(SafetyChecker(context: .mock()).warnings(for: chart).contains { $0.code == .absoluteContraindication && $0.severity == .critical })
    }
}
