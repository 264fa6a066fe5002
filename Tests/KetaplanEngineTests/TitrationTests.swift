import Testing
@testable import KetaplanEngine

/// Titration (issue example: after 84 mg was given, later sessions stayed planned at 56 mg,
/// a record without a dose stored 56, and the handout showed 56).
@Suite struct TitrationTests {
    /// A course that started 2026-01-05 with its first dose given that day, the next day's
    /// scheduler and the course's session ids: where most titrations here begin.
    func afterTheFirstDose(_ proto: TreatmentProtocol) throws -> (chart: PatientChart, scheduler: Scheduler, ids: [SessionID]) {
        let chart = try giveAll(through: "2026-01-05", in: plannedChart(proto, start: "2026-01-05"), context: .mock(today: "2026-01-05"))
        return (chart, Scheduler(context: .mock(today: "2026-01-06")), try #require(chart.plan?.sessions.map(\.id)))
    }

    @Test func aTitratedDoseIsPlannedRecordedAndShownFromItsSessionOn() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-01-05")
        chart = try giveAll(through: "2026-01-05", in: chart, context: .mock(today: "2026-01-05"))
        let scheduler = Scheduler(context: .mock(today: "2026-01-06"))
        let second = try #require(chart.plan?.sessions[1])
        let update = try scheduler.titrate(to: .mg(84), from: second.id, by: "dr.k", note: "partial response, tolerating well", in: chart)
        chart = update.chart
        let plan = try #require(chart.plan)
        #expect(plan.sessions[0].record?.doseGivenMg == 56)
        #expect(plan.sessions.dropFirst().allSatisfy { $0.plannedDoseMg == 84 })
        #expect(update.changes.contains(.doseChanged(second.id, from: 56, to: 84)))
        // Recording without a dose records the planned (titrated) dose.
        let recorded = try Scheduler(context: .mock(today: "2026-01-07")).record(SessionOutcome(status: .given, record: calmRecord(on: second.date)), for: second.id, in: chart)
        #expect(recorded.chart.plan?.session(second.id)?.record?.doseGivenMg == 84)
        // Current dose and when it changed (summary, handout, plan show).
        let current = try #require(recorded.chart.plan?.currentDose(asOf: day("2026-01-08")))
        #expect(current.mg == 84 && current.since == day("2026-01-07") && current.sinceSessionNumber == 2)
        #expect(current.description == "84 mg since session 2 (2026-01-07), set to 84 mg on 2026-01-06 by dr.k: partial response, tolerating well")
        // Later sessions re-planned keep the titrated dose.
        #expect(Scheduler(context: .mock(today: "2026-01-08")).replanned(recorded.chart).chart.plan?.sessions.filter { $0.status == .planned }.allSatisfy { $0.plannedDoseMg == 84 } == true)
    }

    @Test func titrationIsRefusedOutsideTheProtocolAndTheAllowedPathStillWorks() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-01-05")
        let scheduler = Scheduler(context: .mock(today: "2026-01-05"))
        let first = try #require(chart.plan?.sessions[0])
        // Not the course's first dose: the label's starting dose.
        #expect(throws: PlanningError.self) { try scheduler.titrate(to: .mg(84), from: first.id, by: "dr.k", in: chart) }
        chart = try giveAll(through: "2026-01-05", in: chart, context: .mock(today: "2026-01-05"))
        let second = try #require(chart.plan?.sessions[1])
        // Not a dose the label allows (28 mg steps: 56 or 84), nor mg/kg for a fixed dose.
        do {
            _ = try scheduler.titrate(to: .mg(70), from: second.id, by: "dr.k", in: chart)
            Issue.record("70 mg was accepted")
        } catch {
            #expect(error.description.contains("dose 70 mg is not allowed: use 56, 84 mg (28 mg per device)"))
        }
        #expect(throws: PlanningError.self) { try scheduler.titrate(to: .mgPerKg(0.75), from: second.id, by: "dr.k", in: chart) }
        // From a given session: refused, naming the next planned one.
        do {
            _ = try scheduler.titrate(to: .mg(84), from: first.id, by: "dr.k", in: chart)
            Issue.record("a given session was titrated")
        } catch {
            #expect(error.description.contains("titrate from a planned session (the next one is 2)"))
        }
        #expect(try scheduler.titrate(to: .mg(84), from: second.id, by: "dr.k", in: chart).chart.plan?.session(second.id)?.plannedDoseMg == 84)
    }

    /// mg/kg protocols: `--mg-per-kg` follows the patient's weight; outside 0.5-1.0 is refused.
    @Test func perKilogramTitration() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, start: "2026-01-05")
        chart = try giveAll(through: "2026-01-07", in: chart, context: .mock(today: "2026-01-07"))
        let third = try #require(chart.plan?.sessions[2])
        let scheduler = Scheduler(context: .mock(today: "2026-01-08"))
        #expect(throws: PlanningError.self) { try scheduler.titrate(to: .mgPerKg(1.5), from: third.id, by: "dr.k", in: chart) }
        let update = try scheduler.titrate(to: .mgPerKg(0.75), from: third.id, by: "dr.k", in: chart)
        let plan = try #require(update.chart.plan)
        #expect(plan.sessions[0].plannedDoseMg == 35 && plan.sessions[1].record?.doseGivenMg == 35)
        #expect(plan.sessions.filter { $0.status == .planned }.allSatisfy { $0.plannedDoseMg == 52.5 })  // 0.75 x 70 kg
        #expect(plan.doseSteps.last?.amount == .mgPerKg(0.75))
    }

    /// Tester's repro: 84 mg from session 2, then 56 mg from session 4, then 84 mg from
    /// session 3: the last instruction ("from session 3 on") sets every later session,
    /// replacing the step from session 4 set before it.
    @Test func theNewestTitrationSetsEverySessionFromItsSessionOn() throws {
        var (chart, scheduler, ids) = try afterTheFirstDose(BuiltInProtocols.esketamineTRD)
        chart = try scheduler.titrate(to: .mg(84), from: ids[1], by: "dr.k", in: chart).chart
        chart = try scheduler.titrate(to: .mg(56), from: ids[3], by: "dr.k", in: chart).chart
        #expect(chart.plan?.sessions[3...].allSatisfy { $0.plannedDoseMg == 56 } == true)
        let update = try scheduler.titrate(to: .mg(84), from: ids[2], by: "dr.k", in: chart)
        let plan = try #require(update.chart.plan)
        #expect(plan.sessions[1...].allSatisfy { $0.plannedDoseMg == 84 })
        #expect(update.changes.contains(.doseChanged(ids[3], from: 56, to: 84)))
        #expect(plan.stepsReplaced(byStepAt: 2).map(\.amount) == [.mg(56)])
        #expect(plan.stepReplacing(stepAt: 1)?.amount == .mg(84) && plan.stepReplacing(stepAt: 0) == nil)
        // A later step from a later session still applies from there.
        let again = try scheduler.titrate(to: .mg(56), from: ids[5], by: "dr.k", in: update.chart).chart.plan
        #expect(again?.sessions[2...4].allSatisfy { $0.plannedDoseMg == 84 } == true)
        #expect(again?.sessions[5...].allSatisfy { $0.plannedDoseMg == 56 } == true)
    }

    /// The same for mg/kg: 0.75 mg/kg from session 3 after 1.0 from session 5 sets 3 on.
    @Test func theNewestPerKilogramTitrationSetsEverySessionFromItsSessionOn() throws {
        var (chart, scheduler, ids) = try afterTheFirstDose(BuiltInProtocols.ivKetamine3x)
        chart = try scheduler.titrate(to: .mgPerKg(1.0), from: ids[4], by: "dr.k", in: chart).chart
        let plan = try #require(scheduler.titrate(to: .mgPerKg(0.75), from: ids[2], by: "dr.k", in: chart).chart.plan)
        #expect(plan.sessions[1].plannedDoseMg == 35)
        #expect(plan.sessions[2...].allSatisfy { $0.plannedDoseMg == 52.5 })  // 0.75 x 70 kg
    }

    /// The course's first dose stays the protocol's starting dose on every route: a
    /// titration from it is refused (it was reported and then not applied to it for IV),
    /// and titrating from the next session still works.
    @Test func theFirstDoseIsNeverTitratedOnAnyRoute() throws {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, start: "2026-01-05")
        let scheduler = Scheduler(context: .mock(today: "2026-01-05"))
        let ids = try #require(chart.plan?.sessions.map(\.id))
        do {
            _ = try scheduler.titrate(to: .mgPerKg(0.75), from: ids[0], by: "dr.k", in: chart)
            Issue.record("the course's first dose was titrated")
        } catch {
            #expect(error.description == "session 1 is the course's first dose: it stays the protocol's starting dose (35 mg); titrate from session 2")
        }
        let plan = try #require(scheduler.titrate(to: .mgPerKg(0.75), from: ids[1], by: "dr.k", in: chart).chart.plan)
        #expect(plan.sessions[0].plannedDoseMg == 35 && plan.sessions[1...].allSatisfy { $0.plannedDoseMg == 52.5 })
    }

    /// A change already planned is said beside the current dose (the handout said only
    /// "84 mg since ..." when the dose was to become 56 mg).
    @Test func aComingDoseChangeIsSaid() throws {
        var (chart, scheduler, ids) = try afterTheFirstDose(BuiltInProtocols.esketamineTRD)
        chart = try scheduler.titrate(to: .mg(84), from: ids[1], by: "dr.k", in: chart).chart
        chart = try scheduler.titrate(to: .mg(56), from: ids[3], by: "dr.k", in: chart).chart
        let plan = try #require(chart.plan)
        #expect(plan.currentDose(asOf: day("2026-01-06"))?.mg == 84)
        #expect(plan.comingDoseChanges(asOf: day("2026-01-06")) == [PlannedDoseChange(mg: 56, from: plan.sessions[3].date, sessionNumber: 4)])
        // Once the change has come, nothing more is coming.
        #expect(plan.comingDoseChanges(asOf: plan.sessions[3].date).isEmpty)
    }
}
