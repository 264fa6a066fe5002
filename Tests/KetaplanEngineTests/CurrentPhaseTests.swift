import Testing
@testable import KetaplanEngine

/// The phase a plan shows follows what was given: once a phase's sessions are all given,
/// the plan is in the next phase, although no session of it has been given yet.
@Suite struct CurrentPhaseTests {
    @Test func allSixInfusionsGivenShowsTheNextPhase() throws {
        let planned = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 14))
        let induction = dates(planned.plan, phase: .induction)
        #expect(induction.count == 6)
        let fifth = try giveAll(through: induction[4], in: planned, context: .mock(today: induction[4]))
        #expect(fifth.plan?.currentPhase(on: day(induction[4])) == .induction)
        let all = try giveAll(through: induction[5], in: planned, context: .mock(today: induction[5]))
        #expect(all.plan?.currentPhase(on: day(induction[5])) == .maintenance)
        #expect(all.plan?.currentPhase(on: day(induction[5]).adding(days: 3)) == .maintenance)
        // On an earlier day the plan was still in induction.
        #expect(all.plan?.currentPhase(on: day(induction[4])) == .induction)
    }

    @Test func aMissedInfusionKeepsInductionUntilItsMakeUpIsGiven() throws {
        let planned = try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 14))
        let induction = dates(planned.plan, phase: .induction)
        var chart = try giveAll(through: induction[4], in: planned, context: .mock(today: induction[4]))
        let sixth = try #require(chart.plan?.sessions.first { $0.date == day(induction[5]) })
        chart = try Scheduler(context: .mock(today: induction[5])).record(SessionOutcome(status: .missed), for: sixth.id, in: chart).chart
        #expect(chart.plan?.currentPhase(on: day(induction[5])) == .induction)
        let makeUp = try #require(chart.plan?.sessions.first { $0.phase == .induction && $0.status == .planned })
        chart = try giveAll(through: makeUp.date.iso, in: chart, context: .mock(today: makeUp.date.iso))
        #expect(chart.plan?.currentPhase(on: makeUp.date) == .maintenance)
    }

    @Test func eightEsketamineDosesGivenShowContinuation() throws {
        let planned = try plannedChart(BuiltInProtocols.esketamineTRD)
        let induction = dates(planned.plan, phase: .induction)
        #expect(induction.count == 8)
        let seven = try giveAll(through: induction[6], in: planned, context: .mock(today: induction[6]))
        #expect(seven.plan?.currentPhase(on: day(induction[6])) == .induction)
        let eight = try giveAll(through: induction[7], in: planned, context: .mock(today: induction[7]))
        #expect(eight.plan?.currentPhase(on: day(induction[7]).adding(days: 1)) == .continuation)
    }
}
