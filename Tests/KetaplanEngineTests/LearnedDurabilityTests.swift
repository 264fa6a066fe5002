import Testing
import PropertyBased
@testable import KetaplanEngine

/// Learned durability: relapses and intervals without relapse both count; scores on a
/// dosing day belong before that day's dose; nothing is learned before a response.
@Suite struct LearnedDurabilityTests {
    /// IV series 5-16 January, then maintenance every 14 days (30 Jan, 13 Feb, 27 Feb).
    func fortnightly(_ scores: [Assessment], today: String) throws -> PatientChart {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 14), assessments: scores)
        return try giveAll(through: today, in: chart, context: .mock(today: today))
    }

    /// Issue example: relapse scores entered on the booster's own day (scored before the
    /// dose) are relapses 14 days after the previous dose, not lost.
    @Test func relapseScoredOnTheBoostersDayCounts() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 6, on: "2026-01-16"),
                      score(.phq9, 13, on: "2026-01-30"), score(.phq9, 5, on: "2026-02-06"), score(.phq9, 14, on: "2026-02-13")]
        let chart = try fortnightly(scores, today: "2026-02-14")
        let estimate = DurabilityEstimate(chart: chart, settings: ClinicSettings(), today: day("2026-02-14"), prior: LearnedDurability())
        #expect(estimate.observations == [.init(start: day("2026-01-16"), days: 14, relapsed: true),
                                          .init(start: day("2026-01-30"), days: 14, relapsed: true)])
        // (2 x 18 + ln 2 x 28) / 4 = 13.9 days.
        #expect(estimate.wholeDays == 13)
        let update = try Scheduler(context: .mock(today: "2026-02-14")).changeMaintenance(to: .learnedDurability(LearnedDurability()), in: chart)
        let next = try #require(update.chart.plan?.nextPlanned(onOrAfter: day("2026-02-14")))
        #expect(next.reason.contains("relapse after 14 and 14 days"))
        #expect(next.date == day("2026-02-23"))  // 10 days after Friday 13 February
    }

    /// `score add --after-dose`: the same score taken after the dose opens the next interval.
    @Test func aScoreMarkedAfterTheDoseBelongsToTheNextInterval() throws {
        let after = try Assessment(date: day("2026-01-30"), instrument: .phq9, score: 13, afterDose: true)
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 6, on: "2026-01-16"), after, score(.phq9, 5, on: "2026-02-06")]
        let chart = try fortnightly(scores, today: "2026-02-14")
        let estimate = DurabilityEstimate(chart: chart, settings: ClinicSettings(), today: day("2026-02-14"), prior: LearnedDurability())
        // 16 Jan -> 30 Jan reached the dose without relapse (censored); the relapse is in the next one.
        // Scored after the dose on its own day: a relapse the same day (0 days, not "1 days").
        #expect(estimate.observations == [.init(start: day("2026-01-16"), days: 14, relapsed: false),
                                          .init(start: day("2026-01-30"), days: 0, relapsed: true)])
        #expect(estimate.summary.hasPrefix("relapse the same day as the dose; 1 interval of 14 days without relapse; estimated median"))
        let one = DurabilityEstimate(observations: [.init(start: day("2026-01-16"), days: 1, relapsed: true),
                                                    .init(start: day("2026-01-17"), days: 12, relapsed: true)], prior: LearnedDurability())
        #expect(one.summary.hasPrefix("relapse after 1 day and after 12 days; "))
    }

    /// Issue example: induction scores of a patient who has not responded teach nothing
    /// (no "relapse seen 1, 1 days").
    @Test func nothingIsLearnedBeforeAResponse() throws {
        let scores = [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 19, on: "2026-01-06"), score(.phq9, 19, on: "2026-01-08"),
                      score(.phq9, 18, on: "2026-01-17")]
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .learnedDurability(LearnedDurability()), assessments: scores)
        chart = try giveAll(through: "2026-01-16", in: chart, context: .mock(today: "2026-01-19"))
        let estimate = DurabilityEstimate(chart: chart, settings: ClinicSettings(), today: day("2026-01-19"), prior: LearnedDurability())
        #expect(estimate.observations.isEmpty)
        let next = try #require(chart.plan?.nextPlanned(onOrAfter: day("2026-01-19")))
        #expect(next.reason.contains("no relapse seen yet; population prior only"))
        #expect(!next.reason.contains("relapse after"))
    }

    /// Issue example: intervals that reached the next dose without relapse count. Relapse
    /// 12 and 15 days after doses, then 2 intervals of 21 days without relapse: the
    /// estimate is (2 x 18 + ln 2 x 69) / 4 = 20.96 days, where the relapses alone would
    /// give 13.5.
    @Test func intervalsWithoutRelapseLengthenTheEstimate() throws {
        // Series ends Fri 16 Jan; every 21 days: 6 Feb, 27 Feb, 20 Mar, 10 Apr.
        let scores = [("2026-01-02", 20), ("2026-01-16", 4), ("2026-01-28", 14), ("2026-02-13", 4), ("2026-02-21", 13),
                      ("2026-03-06", 4), ("2026-03-13", 4), ("2026-04-03", 4)].map { score(.phq9, $0.1, on: $0.0) }
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 21), assessments: scores)
        chart = try giveAll(through: "2026-04-10", in: chart, context: .mock(today: "2026-04-11"))
        let estimate = DurabilityEstimate(chart: chart, settings: ClinicSettings(), today: day("2026-04-11"), prior: LearnedDurability())
        #expect(estimate.observations.map(\.days) == [12, 15, 21, 21])
        #expect(estimate.observations.map(\.relapsed) == [true, true, false, false])
        #expect(estimate.wholeDays == 20)
        #expect(estimate.summary == "relapse after 12 and 15 days; 2 intervals of 21 days without relapse; estimated median 20 days")
        let eventsOnly = DurabilityEstimate(observations: estimate.observations.filter(\.relapsed), prior: LearnedDurability())
        #expect(eventsOnly.wholeDays < estimate.wholeDays)
        let update = try Scheduler(context: .mock(today: "2026-04-11")).changeMaintenance(to: .learnedDurability(LearnedDurability()), in: chart)
        let next = try #require(update.chart.plan?.nextPlanned(onOrAfter: day("2026-04-11")))
        #expect(next.reason.contains("estimated median 20 days"))
        #expect(next.reason.contains("next in 17"))
        #expect(next.date == day("2026-04-27"))  // 17 days after Friday 10 April
    }

    static let histories = zip(
        Gen.int(in: 1...90).array(of: 0...12),
        Gen.bool.array(of: 12...12),
        Gen.int(in: 1...90),
        Gen.int(in: 1...60),
        Gen.int(in: 1...10)
    )

    /// Property: adding an interval that ended without relapse never shortens the
    /// estimate, whatever came before and whatever the prior.
    @Test func aCensoredIntervalNeverShortensTheEstimate() async {
        await propertyCheck(count: 500, input: Self.histories) { days, relapsed, censored, priorMedian, weight in
            let prior = LearnedDurability(priorMedianDays: priorMedian, priorWeight: weight)
            let observations = days.enumerated().map { i, d in
                DurabilityEstimate.Observation(start: day("2026-01-01").adding(days: 100 * i), days: d, relapsed: relapsed[i])
            }
            let before = DurabilityEstimate(observations: observations, prior: prior)
            let after = DurabilityEstimate(observations: observations + [.init(start: day("2027-06-01"), days: censored, relapsed: false)], prior: prior)
            #expect(after.medianDays >= before.medianDays, "\(observations) + censored \(censored)")
            #expect(after.wholeDays >= before.wholeDays)
        }
    }
}
