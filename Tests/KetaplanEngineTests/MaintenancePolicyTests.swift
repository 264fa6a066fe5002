import Testing
@testable import KetaplanEngine

@Suite struct MaintenancePolicyTests {
    func maintenanceGaps(_ plan: Plan) -> [Int] {
        let doses = plan.sessions.filter { $0.status.isDose }
        let lastInduction = doses.last { $0.phase != .maintenance }!
        var previous = lastInduction.date
        var gaps: [Int] = []
        for s in doses where s.phase == .maintenance {
            gaps.append(previous.days(to: s.date))
            previous = s.date
        }
        return gaps
    }

    @Test func fixedInterval() throws {
        // 21 days from a Friday is always a Friday.
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 21)).plan)
        #expect(maintenanceGaps(plan).allSatisfy { $0 == 21 })
        #expect(maintenanceGaps(plan).count == 7)
    }

    @Test func taperLadderLengthensThenStays() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x).plan)
        #expect(maintenanceGaps(plan) == [7, 14, 21, 28, 28, 28, 28])
    }

    @Test func targetOnAClosedDayMovesLater() throws {
        // 10 days after Friday 16 Jan is Monday 26th; 10 more is Thursday 5 Feb; the
        // closure on 5 Feb moves it to Friday 6th, and the rhythm continues from there.
        let context = SchedulingContext.mock(closed: ["2026-02-05"], horizon: "2026-02-28")
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, context: context, maintenance: .fixedInterval(days: 10)).plan)
        #expect(dates(plan, phase: .maintenance) == ["2026-01-26", "2026-02-06", "2026-02-16", "2026-02-26"])
        #expect(plan.sessions.first { $0.date == day("2026-02-06") }?.reason.contains("Thu 2026-02-05 (clinic closed)") == true)
    }

    /// Induction given, then weekly maintenance scored: two remissions lengthen by one
    /// step; a relapse shortens by one.
    @Test func adaptiveFollowsTheScores() throws {
        let policy = MaintenancePolicy.adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 28, stepDays: 7, startDays: 7, lengthenAfterStable: 2))
        let baseline = [score(.phq9, 20, on: "2026-01-02")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: policy, assessments: baseline)
        let feb = SchedulingContext.mock(today: "2026-02-02")
        chart = try giveAll(through: "2026-01-30", in: chart, context: feb)
        let scheduler = Scheduler(context: feb)
        #expect(dates(chart.plan, phase: .maintenance, status: .given) == ["2026-01-23", "2026-01-30"])
        #expect(dates(chart.plan, phase: .maintenance, status: .planned).first == "2026-02-06")

        chart = scheduler.add(score(.phq9, 3, on: "2026-01-26"), to: chart).chart
        #expect(dates(chart.plan, phase: .maintenance, status: .planned).first == "2026-02-06")
        let lengthened = scheduler.add(score(.phq9, 4, on: "2026-02-01"), to: chart)
        chart = lengthened.chart
        #expect(dates(chart.plan, phase: .maintenance, status: .planned).first == "2026-02-13")
        #expect(lengthened.changes.contains(.moved(try #require(chart.plan?.nextPlanned(onOrAfter: day("2026-02-02"))?.id), from: day("2026-02-06"), to: day("2026-02-13"))))
        #expect(chart.plan?.nextPlanned(onOrAfter: day("2026-02-02"))?.reason.contains("score-driven interval 14 days, lengthened after 2 stable scores") == true)

        // PHQ-9 8 after remission: relapse, one step shorter again.
        chart = scheduler.add(score(.phq9, 8, on: "2026-02-02"), to: chart).chart
        #expect(dates(chart.plan, phase: .maintenance, status: .planned).first == "2026-02-06")
        #expect(chart.plan?.nextPlanned(onOrAfter: day("2026-02-02"))?.reason.contains("shortened after relapse (PHQ-9 8 on 2026-02-02)") == true)
    }

    @Test func adaptiveStaysWithinBounds() throws {
        let policy = MaintenancePolicy.adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 14, stepDays: 7, startDays: 7, lengthenAfterStable: 1))
        var scores = [score(.phq9, 20, on: "2026-01-02")]
        for d in ["2026-01-24", "2026-01-25", "2026-01-26", "2026-01-27", "2026-01-28"] { scores.append(score(.phq9, 2, on: d)) }
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: policy, assessments: scores)
        let feb = SchedulingContext.mock(today: "2026-01-30")
        chart = try giveAll(through: "2026-01-23", in: chart, context: feb)
        #expect(maintenanceGaps(try #require(chart.plan)).dropFirst().allSatisfy { $0 == 14 })
    }

    /// The patient relapsed 18, 22 and 19 days after sessions (59 days observed in all):
    /// with the population prior (18 days, weight 2) the estimated median is
    /// (2 x 18 + ln 2 x 59) / (2 + 3) = 15.4 days; less a 3-day margin, 12 days after
    /// Friday 10 April is Wednesday 22 April.
    @Test func learnedDurabilityPlacesTheBoosterBeforeTheUsualRelapse() throws {
        let scores = [("2026-01-02", 20), ("2026-01-20", 4), ("2026-02-03", 12), ("2026-02-20", 4),
                      ("2026-03-07", 11), ("2026-03-20", 3), ("2026-04-01", 11), ("2026-04-15", 4)].map { score(.phq9, $0.1, on: $0.0) }
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 28), assessments: scores)
        let april = SchedulingContext.mock(today: "2026-04-20", horizon: "2026-06-30")
        chart = try giveAll(through: "2026-04-20", in: chart, context: april)
        #expect(dates(chart.plan, phase: .maintenance, status: .given) == ["2026-02-13", "2026-03-13", "2026-04-10"])
        let estimate = DurabilityEstimate(chart: chart, settings: ClinicSettings(), today: day("2026-04-20"), prior: LearnedDurability())
        #expect(estimate.observations.map(\.days) == [18, 22, 19])
        #expect(estimate.observations.allSatisfy { $0.relapsed })
        #expect(estimate.wholeDays == 15)

        let update = try Scheduler(context: april).changeMaintenance(to: .learnedDurability(LearnedDurability(safetyMarginDays: 3)), in: chart)
        let next = try #require(update.chart.plan?.nextPlanned(onOrAfter: day("2026-04-20")))
        #expect(next.date == day("2026-04-22"))
        #expect(next.reason.contains("relapse after 18, 22 and 19 days; estimated median 15 days"))
        #expect(next.reason.contains("next in 12"))
    }

    /// Before any interval has ended the estimate is the population's: 18 days, less the
    /// 3-day margin, is 15 days after the series ends on Friday 16 January.
    @Test func learnedDurabilityStartsFromThePopulation() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .learnedDurability(LearnedDurability())).plan)
        let first = try #require(plan.sessions.first { $0.phase == .maintenance })
        #expect(first.date == day("2026-01-30"))
        #expect(first.reason.contains("no relapse seen yet; population prior only; estimated median 18 days"))
        // 15 days would be Saturday 31 January: the reason gives the real 14 days, not 15.
        #expect(first.reason.contains("14 days after the dose on Fri 2026-01-16, the nearest free day to the 15 days wanted"), "\(first.reason)")
    }

    @Test func onDemandProposesABoosterOnRelapseOnly() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .onDemand, assessments: [score(.phq9, 20, on: "2026-01-02")])
        #expect(dates(chart.plan, phase: .maintenance).isEmpty)
        let feb = SchedulingContext.mock(today: "2026-02-10")
        chart = try giveAll(through: "2026-01-16", in: chart, context: feb)
        let scheduler = Scheduler(context: feb)
        chart = scheduler.add(score(.phq9, 6, on: "2026-02-01"), to: chart).chart
        #expect(dates(chart.plan, phase: .maintenance).isEmpty)
        let relapse = scheduler.add(score(.phq9, 13, on: "2026-02-09"), to: chart)
        #expect(dates(relapse.chart.plan, phase: .maintenance) == ["2026-02-10"])
        #expect(relapse.chart.plan?.sessions.last?.reason.contains("booster proposed on demand: PHQ-9 13 on 2026-02-09 shows relapse") == true)
        #expect(relapse.changes == [.added(try #require(relapse.chart.plan?.sessions.last?.id), on: day("2026-02-10"))])
    }

    @Test func esketamineWeekNineOnOffersWeeklyOrFortnightly() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.esketamineTRD, maintenance: .fixedInterval(days: 21)).plan)
        var chart = PatientChart(patient: .mock())
        chart.plan = plan
        let warnings = SafetyChecker(context: .mock()).warnings(for: chart)
        #expect(warnings.contains { $0.code == .intervalOutsideLabel && $0.message.contains("21") })
        let fine = try plannedChart(BuiltInProtocols.esketamineTRD)
        #expect(!SafetyChecker(context: .mock()).warnings(for: fine).contains { $0.code == .intervalOutsideLabel })
    }

    @Test(arguments: [
        ("fixed:21", MaintenancePolicy.fixedInterval(days: 21)),
        ("taper:7,14,21,28", .taperLadder(stepsDays: [7, 14, 21, 28])),
        ("adaptive:7-42/7", .adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 42, stepDays: 7, startDays: 7))),
        ("durability", .learnedDurability(LearnedDurability())),
        ("durability:5", .learnedDurability(LearnedDurability(safetyMarginDays: 5))),
        ("on-demand", .onDemand),
    ])
    func policiesParseFromText(text: String, expected: MaintenancePolicy) throws {
        #expect(try MaintenancePolicy(text: text) == expected)
    }

    @Test(arguments: ["fixed", "fixed:0", "fixed:x", "taper:", "taper:7,,14", "adaptive:42-7/7", "weekly", "fixed:400"])
    func badPoliciesAreRefused(text: String) {
        #expect(throws: MaintenancePolicyError.self) { try MaintenancePolicy(text: text) }
    }
    /// The text a form starts from reads back as the very policy, or is nil: a form never
    /// offers a text that would quietly change the policy.
    @Test func aPolicysTextReadsBackAsThatPolicy() throws {
        for text in ["fixed:21", "taper:7,14,21,28", "adaptive:7-42/7", "durability:3", "on-demand"] {
            let policy = try MaintenancePolicy(text: text)
            #expect(policy.text == text)
            #expect(try MaintenancePolicy(text: try #require(policy.text)) == policy)
        }
        // An adaptive start other than its minimum cannot be written as text.
        #expect(MaintenancePolicy.adaptive(AdaptiveMaintenance(minimumDays: 7, maximumDays: 42, stepDays: 7, startDays: 14)).text == nil)
        #expect(MaintenancePolicy.learnedDurability(LearnedDurability(safetyMarginDays: 3, priorMedianDays: 30)).text == nil)
    }
}
