import Testing
@testable import KetaplanEngine

/// Response before relapse, every depression scale counting, PCL-5 beside them for PTSD,
/// the taper stepping back, on-demand boosters from given doses only (issue examples).
@Suite struct ResponseCourseTests {
    func codes(_ chart: PatientChart, today: String) -> Set<WarningCode> {
        Set(SafetyChecker(context: .mock(today: today)).warnings(for: chart).map(\.code))
    }

    /// Issue example: after one infusion a patient who never responded is "no response
    /// yet", never "relapse ... consider a booster".
    @Test func noResponseYetIsNotARelapse() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: [score(.phq9, 20, on: "2026-01-02")])
        chart = try giveAll(through: "2026-01-05", in: chart, context: .mock(today: "2026-01-06"))
        chart = Scheduler(context: .mock(today: "2026-01-06")).add(score(.phq9, 18, on: "2026-01-06"), to: chart).chart
        let warnings = SafetyChecker(context: .mock(today: "2026-01-06")).warnings(for: chart)
        #expect(!warnings.contains { $0.code == .relapse })
        let w = try #require(warnings.first { $0.code == .noResponseYet })
        #expect(w.message.contains("no response yet on PHQ-9 (latest PHQ-9 18 on 2026-01-06, baseline 20)"))
        // Once responded, losing it is a relapse.
        chart = Scheduler(context: .mock(today: "2026-01-08")).add(score(.phq9, 9, on: "2026-01-07"), to: chart).chart
        chart = Scheduler(context: .mock(today: "2026-01-08")).add(score(.phq9, 14, on: "2026-01-08"), to: chart).chart
        #expect(codes(chart, today: "2026-01-08").contains(.relapse))
        #expect(!codes(chart, today: "2026-01-08").contains(.noResponseYet))
    }

    /// Issue example: MADRS 34 -> 10 is a response even while PHQ-9 has not halved, so
    /// no futility review; with PHQ-9 alone it is raised.
    @Test func aResponseOnAnyDepressionScaleCounts() throws {
        let base = [score(.phq9, 20, on: "2026-01-02"), score(.madrs, 34, on: "2026-01-02")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: base)
        chart = try giveAll(through: "2026-01-09", in: chart, context: .mock(today: "2026-01-09"))
        let phqOnly = Scheduler(context: .mock(today: "2026-01-09")).add(score(.phq9, 15, on: "2026-01-09"), to: chart).chart
        #expect(codes(phqOnly, today: "2026-01-09").contains(.futilityReview))
        let both = Scheduler(context: .mock(today: "2026-01-09")).add(score(.madrs, 10, on: "2026-01-09"), to: phqOnly).chart
        #expect(!codes(both, today: "2026-01-09").contains(.futilityReview))
        #expect(!codes(both, today: "2026-01-09").contains(.noResponseYet))
    }

    /// Issue example: a PTSD + TRD patient is tracked on PCL-5 beside the depression scale.
    @Test func ptsdTracksPCL5BesideTheDepressionScale() throws {
        let patient = Patient.mock(conditions: [.treatmentResistantDepression, .ptsd])
        #expect(patient.trackedInstruments == [.phq9, .qids, .madrs, .pcl5])
        let base = [score(.phq9, 20, on: "2026-01-02"), score(.pcl5, 60, on: "2026-01-02")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient, assessments: base)
        chart = try giveAll(through: "2026-01-09", in: chart, context: .mock(today: "2026-01-09"))
        let scheduler = Scheduler(context: .mock(today: "2026-01-09"))
        chart = scheduler.add(score(.phq9, 16, on: "2026-01-09"), to: chart).chart
        chart = scheduler.add(score(.pcl5, 25, on: "2026-01-09"), to: chart).chart
        #expect(!codes(chart, today: "2026-01-09").contains(.futilityReview))
        // PCL-5 back to 45 (above half of 60) after its response: relapse on PCL-5.
        chart = Scheduler(context: .mock(today: "2026-01-13")).add(score(.pcl5, 45, on: "2026-01-13"), to: chart).chart
        let w = try #require(SafetyChecker(context: .mock(today: "2026-01-13")).warnings(for: chart).first { $0.code == .relapse })
        #expect(w.message.contains("PCL-5 45 on 2026-01-13 shows relapse"))
    }

    /// The clinician's primary scale replaces the condition's default.
    @Test func thePrimaryScaleIsTheCliniciansChoice() throws {
        var patient = Patient.mock()
        #expect(patient.primaryInstrument == .phq9)
        patient.primaryScale = .madrs
        #expect(patient.primaryInstrument == .madrs)
        #expect(patient.trackedInstruments == [.madrs, .phq9, .qids])
        #expect(Patient.mock(conditions: [.ptsd]).primaryInstrument == .pcl5)
    }

    /// Issue example: a taper keeps lengthening 14 -> 21 -> 28 after a relapse. Now a
    /// relapse scored on the day of the 21-day session steps back to 14, then climbs again.
    @Test func aRelapseStepsTheTaperBackOneRung() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 6, on: "2026-01-16"), score(.phq9, 5, on: "2026-02-06"),
                      score(.phq9, 14, on: "2026-02-27")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: scores)
        chart = try giveAll(through: "2026-02-27", in: chart, context: .mock(today: "2026-02-27"))
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .maintenance, status: .given) == ["2026-01-23", "2026-02-06", "2026-02-27"])
        let planned = plan.sessions.filter { $0.phase == .maintenance && $0.status == .planned }
        #expect(planned.prefix(3).map(\.date.iso) == ["2026-03-13", "2026-04-03", "2026-05-01"])
        #expect(planned.first?.reason.contains("taper stepped back one rung to 14 days after relapse (PHQ-9 14 on 2026-02-27)") == true)
    }

    /// A relapse seen while the interval runs brings the booster forward at once.
    @Test func aRelapseMidIntervalBringsTheBoosterForward() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 6, on: "2026-01-16"), score(.phq9, 5, on: "2026-02-06")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: scores)
        chart = try giveAll(through: "2026-02-06", in: chart, context: .mock(today: "2026-02-18"))
        #expect(chart.plan?.nextPlanned(onOrAfter: day("2026-02-18"))?.date == day("2026-02-27"))
        chart = Scheduler(context: .mock(today: "2026-02-18")).add(score(.phq9, 13, on: "2026-02-18"), to: chart).chart
        let next = try #require(chart.plan?.nextPlanned(onOrAfter: day("2026-02-18")))
        #expect(next.date == day("2026-02-20"))  // 14 days after Friday 6 February
        #expect(next.reason.contains("stepped back one rung to 14 days"))
    }

    /// Issue example: an unrecorded past booster is not a dose; on-demand care proposes a
    /// booster from the last given dose and a score recorded after it.
    @Test func onDemandCountsOnlyGivenDoses() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .onDemand, assessments: [score(.phq9, 20, on: "2026-01-02")])
        chart = try giveAll(through: "2026-01-16", in: chart, context: .mock(today: "2026-02-09"))
        chart = Scheduler(context: .mock(today: "2026-02-09")).add(score(.phq9, 6, on: "2026-01-16"), to: chart).chart
        chart = Scheduler(context: .mock(today: "2026-02-09")).add(score(.phq9, 13, on: "2026-02-09"), to: chart).chart
        #expect(dates(chart.plan, phase: .maintenance) == ["2026-02-09"])
        // The booster of 9 February was never recorded; a new relapse score on 20 February
        // still proposes one, counted from the last given dose.
        let later = Scheduler(context: .mock(today: "2026-02-20")).add(score(.phq9, 15, on: "2026-02-20"), to: chart).chart
        let booster = try #require(later.plan?.nextPlanned(onOrAfter: day("2026-02-20")))
        #expect(booster.date == day("2026-02-20"))
        #expect(booster.reason.contains("PHQ-9 15 on 2026-02-20 shows relapse"))
    }

    /// A relapse score while the series is still running does not move maintenance (the
    /// taper and durability count only once the series is over).
    @Test func aRelapseDuringTheSeriesLeavesMaintenanceAlone() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, assessments: [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 8, on: "2026-01-07")])
        chart = try giveAll(through: "2026-01-09", in: chart, context: .mock(today: "2026-01-09"))
        let before = dates(chart.plan, phase: .maintenance)
        let update = Scheduler(context: .mock(today: "2026-01-09")).add(score(.phq9, 15, on: "2026-01-09"), to: chart)
        #expect(dates(update.chart.plan, phase: .maintenance) == before)
        #expect(update.changes.isEmpty)
        #expect(DurabilityEstimate(chart: update.chart, settings: ClinicSettings(), today: day("2026-01-09"), prior: LearnedDurability()).observations.isEmpty)
    }
}
