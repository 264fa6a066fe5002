import Testing
@testable import KetaplanEngine

@Suite struct ReplanTests {
    let wednesday = SchedulingContext.mock(today: "2026-01-07")

    func ivChart() throws -> PatientChart {
        try giveAll(through: "2026-01-05", in: try plannedChart(BuiltInProtocols.ivKetamine3x), context: wednesday)
    }

    @Test func missedSessionIsMadeUpAtTheEndOfTheSeries() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let second = try #require(chart.plan?.session(number: 2))
        let update = try scheduler.record(SessionOutcome(status: .missed), for: second.id, in: chart)
        let plan = try #require(update.chart.plan)
        #expect(dates(plan, phase: .induction, status: .planned) == ["2026-01-08", "2026-01-12", "2026-01-14", "2026-01-16", "2026-01-19"])
        #expect(plan.session(second.id)?.status == .missed)
        #expect(plan.session(second.id)?.date == day("2026-01-07"))
        #expect(update.changes.contains { if case .added(_, let d) = $0 { return d == day("2026-01-19") } else { return false } })
        // Maintenance follows the new end of induction.
        #expect(dates(plan, phase: .maintenance).first == "2026-01-26")
        #expect(update.changes.contains(.moved(SessionID(7), from: day("2026-01-23"), to: day("2026-01-26"))))
    }

    @Test func deferredSessionWaitsForItsDate() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let second = try #require(chart.plan?.session(number: 2))
        let update = try scheduler.record(SessionOutcome(status: .deferred, record: SessionRecord(note: "BP 186/104", deferredUntil: day("2026-01-12"))), for: second.id, in: chart)
        let plan = try #require(update.chart.plan)
        #expect(dates(plan, phase: .induction, status: .planned) == ["2026-01-12", "2026-01-14", "2026-01-16", "2026-01-19", "2026-01-21"])
        #expect(update.changes.first == .moved(SessionID(3), from: day("2026-01-09"), to: day("2026-01-12")))
    }

    @Test func cancelledSessionShortensTheSeries() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let sixth = try #require(chart.plan?.session(number: 6))
        let update = try scheduler.record(SessionOutcome(status: .cancelled), for: sixth.id, in: chart)
        let plan = try #require(update.chart.plan)
        #expect(dates(plan, phase: .induction, status: .planned) == ["2026-01-07", "2026-01-09", "2026-01-12", "2026-01-14"])
        #expect(plan.session(sixth.id)?.status == .cancelled)
    }

    @Test func givenSessionsNeverMoveAndNeverChange() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let first = try #require(chart.plan?.session(number: 1))
        #expect(first.status == .given)
        #expect(throws: PlanningError.sessionAlreadyRecorded(1, .given)) {
            try scheduler.record(SessionOutcome(status: .missed), for: first.id, in: chart)
        }
        #expect(throws: PlanningError.self) { try scheduler.move(first.id, to: day("2026-01-08"), in: chart) }
    }

    @Test func futureSessionsCannotBeGivenYet() throws {
        let chart = try ivChart()
        let third = try #require(chart.plan?.session(number: 3))
        #expect(throws: PlanningError.sessionInFuture(3, day("2026-01-09"))) {
            try Scheduler(context: wednesday).record(SessionOutcome(status: .given), for: third.id, in: chart)
        }
    }

    @Test func doseOffTheProtocolIsRefused() throws {
        let chart = try ivChart()
        let second = try #require(chart.plan?.session(number: 2))
        #expect(throws: PlanningError.dose(.outsideRange(100, 35...70))) {
            try Scheduler(context: wednesday).record(SessionOutcome(status: .given, record: SessionRecord(doseGivenMg: 100)), for: second.id, in: chart)
        }
        let esk = try plannedChart(BuiltInProtocols.esketamineTRD)
        #expect(throws: PlanningError.dose(.notAnAllowedDose(60, [56, 84], stepMg: 28))) {
            try Scheduler(context: .mock()).record(SessionOutcome(status: .given, record: SessionRecord(doseGivenMg: 60)), for: SessionID(1), in: esk)
        }
    }

    /// `record(replanning: false)` (the demo's bulk histories) records with every check
    /// `record` makes and leaves the rest of the plan as it was; the same record with the
    /// re-plan differs from it only by what the re-plan lays out.
    @Test func recordingWithoutReplanningChecksAlikeAndLeavesTheRestAsItWas() throws {
        let chart = try ivChart()
        let second = try #require(chart.plan?.session(number: 2))
        let scheduler = Scheduler(context: wednesday)
        // Refused as record refuses it...
        #expect(throws: PlanningError.dose(.outsideRange(100, 35...70))) {
            try scheduler.record(SessionOutcome(status: .given, record: SessionRecord(doseGivenMg: 100)), for: second.id, in: chart, replanning: false)
        }
        // ...and an allowed dose right after is recorded.
        let outcome = SessionOutcome(status: .given, record: SessionRecord(doseGivenMg: 35))
        let kept = try scheduler.record(outcome, for: second.id, in: chart, replanning: false)
        let replanned = try scheduler.record(outcome, for: second.id, in: chart)
        #expect(kept.changes.isEmpty)
        let recorded = try #require(kept.chart.plan?.session(second.id))
        #expect(recorded.status == .given && recorded.record?.doseGivenMg == 35)
        #expect(recorded == replanned.chart.plan?.session(second.id))
        #expect(kept.chart.plan?.sessions.filter { $0.id != second.id } == chart.plan?.sessions.filter { $0.id != second.id })
        #expect(scheduler.replanned(kept.chart).chart == replanned.chart, "the next re-plan lays out what record's would have")
    }

    @Test func replanningIsIdempotent() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let once = scheduler.replanned(chart)
        let twice = scheduler.replanned(once.chart)
        #expect(twice.chart == once.chart)
        #expect(twice.changes.isEmpty)
    }

    @Test func manualMoveShowsConcernsAndPins() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let third = try #require(chart.plan?.session(number: 3))
        let concerns = scheduler.concerns(moving: third.id, to: day("2026-01-08"), in: chart)
        #expect(concerns.map(\.message) == ["Thu 2026-01-08: under the 2-day minimum gap from Wed 2026-01-07"])
        #expect(throws: PlanningError.self) { try scheduler.move(third.id, to: day("2026-01-08"), in: chart) }
        #expect(scheduler.concerns(moving: third.id, to: day("2026-01-10"), in: chart).map(\.message) == ["Sat 2026-01-10: clinic closed that weekday"])

        #expect(throws: PlanningError.self) { try scheduler.move(third.id, to: day("2026-01-13"), in: chart) }
        let update = try scheduler.move(third.id, to: day("2026-01-13"), in: chart, acceptingConcerns: true)
        let plan = try #require(update.chart.plan)
        #expect(plan.session(third.id)?.pinned == true)
        // Every rule it breaks, not just the first.
        #expect(plan.session(third.id)?.reason == "moved by a clinician from Fri 2026-01-09 despite: Tue 2026-01-13: under the 2-day minimum gap from Mon 2026-01-12; Tue 2026-01-13: treatment week already has 3; Tue 2026-01-13: calendar week already has 3")
        #expect(update.changes.first == .moved(third.id, from: day("2026-01-09"), to: day("2026-01-13")))
        // The rest re-plan around the pinned session, never onto the day it left, and it
        // stays put on the next re-plan.
        #expect(plan.vacatedDays == [day("2026-01-09")])
        #expect(!dates(plan).contains("2026-01-09"))
        // 01-12 and 01-14 sit under the minimum gap from the pinned 01-13, so they move
        // (each listed); the series keeps its six sessions.
        #expect(dates(plan, phase: .induction) == ["2026-01-05", "2026-01-07", "2026-01-13", "2026-01-15", "2026-01-19", "2026-01-21"])
        #expect(scheduler.replanned(update.chart).chart == update.chart)
    }

    /// Issue 14: booked Wed 12-02 and Fri 12-04, session 3 moved to Sat 12-05. Wednesday
    /// is freed (no session slides into it), every rule the move breaks is listed, and
    /// every other date that changes is listed as a change.
    @Test func aMovedSessionLeavesItsOldDate() throws {
        let tuesday = SchedulingContext.mock(today: "2026-11-24", horizon: "2027-03-01")
        let planned = try plannedChart(BuiltInProtocols.esketamineTRD, start: "2026-11-25", context: tuesday, preferred: [.wednesday, .friday])
        let thursday = SchedulingContext.mock(today: "2026-11-26", horizon: "2027-03-01")
        let chart = try giveAll(through: "2026-11-25", in: planned, context: SchedulingContext.mock(today: "2026-11-25", horizon: "2027-03-01"))
        let scheduler = Scheduler(context: thursday)
        let before = try #require(chart.plan)
        #expect(dates(before).prefix(4) == ["2026-11-25", "2026-11-27", "2026-12-02", "2026-12-04"])
        let third = before.sessions[2]

        let concerns = scheduler.concerns(moving: third.id, to: day("2026-12-05"), in: chart).map(\.message)
        #expect(concerns == ["Sat 2026-12-05: clinic closed that weekday", "Sat 2026-12-05: not one of the patient's days",
                             "Sat 2026-12-05: under the 2-day minimum gap from Fri 2026-12-04"])
        #expect {
            try scheduler.move(third.id, to: day("2026-12-05"), in: chart)
        } throws: { error in
            // Refused naming every rule, and what lifts the refusal.
            let text = (error as? PlanningError)?.description ?? ""
            return concerns.allSatisfy { text.contains($0.replacingOccurrences(of: "Sat 2026-12-05: ", with: "")) } && text.contains("3 rules") && text.contains("confirm")
        }
        let update = try scheduler.move(third.id, to: day("2026-12-05"), in: chart, acceptingConcerns: true)
        let plan = try #require(update.chart.plan)
        #expect(plan.session(third.id)?.date == day("2026-12-05"))
        #expect(plan.session(on: day("2026-12-02")) == nil)
        #expect(update.changes.first == .moved(third.id, from: day("2026-12-02"), to: day("2026-12-05")))
        // Friday 12-04 is under the minimum gap from Saturday, so the rule takes it off (a
        // listed change); the later weeks keep their dates.
        #expect(dates(plan).prefix(6) == ["2026-11-25", "2026-11-27", "2026-12-05", "2026-12-09", "2026-12-11", "2026-12-16"])
        #expect(Array(dates(plan).dropFirst(3).prefix(20)) == Array(dates(before).dropFirst(4).prefix(20)))
        // Every other session whose date changed is listed.
        for old in before.sessions where old.id != third.id {
            if let new = plan.session(old.id) {
                #expect(new.date == old.date || update.changes.contains(.moved(old.id, from: old.date, to: new.date)))
            } else {
                #expect(update.changes.contains(.removed(old.id, was: old.date)))
            }
        }
        // A later edit (recording a score) re-plans from scratch and keeps Wednesday free.
        let later = scheduler.add(score(.madrs, 30, on: "2026-11-26"), to: update.chart)
        #expect(later.chart.plan?.session(on: day("2026-12-02")) == nil)
        // A clinician's own move back onto the day lifts it.
        let back = try scheduler.move(third.id, to: day("2026-12-02"), in: update.chart, acceptingConcerns: true)
        #expect(back.chart.plan?.session(third.id)?.date == day("2026-12-02"))
        #expect(back.chart.plan?.vacatedDays == [day("2026-12-05")])
    }

    @Test func esketamineMissInWeeksOneToFourKeepsTheSchedule() throws {
        let context = SchedulingContext.mock(today: "2026-01-07")
        var chart = try giveAll(through: "2026-01-05", in: try plannedChart(BuiltInProtocols.esketamineTRD), context: context)
        let before = try #require(chart.plan)
        chart = try Scheduler(context: context).record(SessionOutcome(status: .missed), for: before.sessions[1].id, in: chart).chart
        let plan = try #require(chart.plan)
        // Made up in the same treatment week; week 2 onwards unchanged.
        #expect(dates(plan, phase: .induction, status: .planned).prefix(3) == ["2026-01-08", "2026-01-12", "2026-01-14"])
        #expect(dates(plan, phase: .continuation) == dates(before, phase: .continuation))
    }

    @Test func titrationAppliesFromNowOn() throws {
        let context = SchedulingContext.mock(today: "2026-01-07")
        let chart = try giveAll(through: "2026-01-05", in: try plannedChart(BuiltInProtocols.esketamineTRD), context: context)
        let update = try Scheduler(context: context).setPlannedDose(84, for: .induction, in: chart)
        let plan = try #require(update.chart.plan)
        #expect(plan.sessions[0].record?.doseGivenMg == 56)
        #expect(plan.sessions.filter { $0.phase == .induction && $0.status == .planned }.allSatisfy { $0.plannedDoseMg == 84 })
        #expect(plan.sessions.filter { $0.phase == .continuation }.allSatisfy { $0.plannedDoseMg == 56 })
        #expect(update.changes.contains(.doseChanged(plan.sessions[1].id, from: 56, to: 84)))
        #expect(throws: PlanningError.self) { try Scheduler(context: context).setPlannedDose(70, for: .induction, in: chart) }
    }

    @Test func findSessionByNumberOrDate() throws {
        let plan = try #require(try plannedChart(BuiltInProtocols.ivKetamine3x).plan)
        let scheduler = Scheduler(context: .mock())
        #expect(try scheduler.findSession("2", in: plan) == plan.sessions[1].id)
        #expect(try scheduler.findSession("2026-01-09", in: plan) == plan.sessions[2].id)
        #expect(throws: PlanningError.unknownSession("2026-01-10")) { try scheduler.findSession("2026-01-10", in: plan) }
        #expect(throws: PlanningError.unknownSession("99")) { try scheduler.findSession("99", in: plan) }
    }

    @Test func pausedPlansDoNotReplan() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart.plan?.status = .paused
        let later = Scheduler(context: .mock(today: "2026-02-01"))
        #expect(later.replanned(chart).chart == chart)
        #expect(throws: PlanningError.planNotActive(.paused)) {
            try later.record(SessionOutcome(status: .missed), for: SessionID(1), in: chart)
        }
    }

    /// Regression: a maintenance session given today anchors the next one a full
    /// interval later, also when it made up a missed one (the given session was once
    /// passed over, and the next placed by the minimum gap instead of the interval).
    @Test func maintenanceGivenTodayAnchorsTheNextInterval() throws {
        var chart = try giveAll(through: "2026-01-16", in: try plannedChart(BuiltInProtocols.ivKetamine3x, maintenance: .fixedInterval(days: 14)),
                                context: .mock(today: "2026-01-16"))
        let missed = try #require(chart.plan?.sessions.first { $0.phase == .maintenance })
        #expect(missed.date == day("2026-01-30"))
        chart = try Scheduler(context: .mock(today: "2026-01-30")).record(SessionOutcome(status: .missed), for: missed.id, in: chart).chart
        let makeUp = try #require(chart.plan?.nextPlanned(onOrAfter: day("2026-01-31")))
        #expect(makeUp.date == day("2026-02-02"))
        let monday = SchedulingContext.mock(today: "2026-02-02")
        chart = try Scheduler(context: monday).record(SessionOutcome(status: .given), for: makeUp.id, in: chart).chart
        #expect(chart.plan?.nextPlanned(onOrAfter: day("2026-02-03"))?.date == day("2026-02-16"))
    }

    /// F1: the sessions a pause takes off are named by the numbers `plan show` gave them
    /// before it, not by their internal ids (which differ once a make-up was added).
    @Test func pausingNamesTheSessionsItTakesOffByTheirPlanNumbers() throws {
        let scheduler = Scheduler(context: wednesday)
        let chart = try ivChart()
        let second = try #require(chart.plan?.session(number: 2))
        let missed = try scheduler.record(SessionOutcome(status: .missed), for: second.id, in: chart).chart
        let before = try #require(missed.plan)
        // The make-up session's id is the newest, its number is not: numbers and ids differ.
        #expect(before.sessions.enumerated().contains { $0.element.id.rawValue != $0.offset + 1 })
        let paused = try scheduler.setStatus(.paused, in: missed)
        let after = try #require(paused.chart.plan)
        let lines = paused.changes.map { $0.line(in: after, was: before) }
        let expected = before.sessions.enumerated().filter { $0.element.status == .planned }.map { "session \($0.offset + 1) on \($0.element.date) removed" }
        #expect(Set(lines) == Set(expected) && lines.count == expected.count, "\(lines)")
        #expect(lines.contains("session 3 on 2026-01-08 removed"), "\(lines)")
        #expect(!lines.contains { $0.contains("#") }, "\(lines)")
        // Resuming numbers the sessions it adds in the resumed plan.
        let resumed = try scheduler.setStatus(.active, in: paused.chart)
        let plan = try #require(resumed.chart.plan)
        #expect(resumed.changes.map { $0.line(in: plan, was: after) }.contains("session 3 added on 2026-01-08"))
    }

    @Test func pausingTakesFutureSessionsOffAndResumingPutsThemBack() throws {
        let chart = try ivChart()
        let scheduler = Scheduler(context: wednesday)
        let paused = try scheduler.setStatus(.paused, in: chart)
        let plan = try #require(paused.chart.plan)
        #expect(plan.status == .paused)
        #expect(plan.sessions.map(\.status) == [.given])
        #expect(paused.changes.count == chart.plan!.sessions.count - 1)
        #expect(paused.changes.allSatisfy { if case .removed = $0 { return true } else { return false } })
        #expect(throws: PlanningError.planNotActive(.paused)) { try scheduler.record(SessionOutcome(status: .missed), for: SessionID(1), in: paused.chart) }
        let resumed = try scheduler.setStatus(.active, in: paused.chart)
        #expect(dates(resumed.chart.plan, phase: .induction) == ["2026-01-05", "2026-01-07", "2026-01-09", "2026-01-12", "2026-01-14", "2026-01-16"])
        #expect(throws: PlanningError.self) { try scheduler.setStatus(.active, in: resumed.chart) }
    }
}
