import Testing
import PropertyBased
@testable import KetaplanEngine

/// Esketamine treatment weeks from the first dose given, the starting dose, and the
/// label's weekly-or-fortnightly rule from week 9 (issue examples, with dates).
@Suite struct EsketamineCourseTests {
    let trd = BuiltInProtocols.esketamineTRD

    /// Issue example: a first dose deferred 9 days keeps all 8 twice-weekly doses, in the
    /// 4 weeks counted from the dose actually given.
    @Test func weeksCountFromTheFirstDoseGiven() throws {
        var chart = try plannedChart(trd, start: "2026-01-05")
        let first = try #require(chart.plan?.sessions.first)
        chart = try Scheduler(context: .mock(today: "2026-01-05"))
            .record(SessionOutcome(status: .deferred, record: SessionRecord(note: "BP 150/96", deferredUntil: day("2026-01-14"))), for: first.id, in: chart).chart
        let plan = try #require(chart.plan)
        #expect(dates(plan, phase: .induction, status: .planned) == ["2026-01-14", "2026-01-16", "2026-01-21", "2026-01-23",
                                                                      "2026-01-28", "2026-01-30", "2026-02-04", "2026-02-06"])
        #expect(dates(plan, phase: .continuation) == ["2026-02-11", "2026-02-18", "2026-02-25", "2026-03-04"])
        #expect(plan.courseStart == day("2026-01-14"))
        #expect(!SafetyChecker(context: .mock(today: "2026-01-05")).warnings(for: chart).contains { $0.code == .phaseIncomplete })
        // Given on 14 January: the weeks stay anchored there.
        let given = try giveAll(through: "2026-01-14", in: chart, context: .mock(today: "2026-01-14"))
        #expect(dates(given.plan, phase: .induction).filter { $0 >= "2026-01-14" }.count == 8)
    }

    /// Issue example: a day-1 dose of 84 mg is refused unless the clinician records why.
    @Test func theFirstDoseIsTheLabelsStartingDose() throws {
        let chart = try plannedChart(trd, start: "2026-01-05")
        let first = try #require(chart.plan?.sessions.first)
        let scheduler = Scheduler(context: .mock(today: "2026-01-05"))
        #expect(throws: PlanningError.notTheStartingDose(given: 84, starting: 56)) {
            try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: first.date, dose: 84)), for: first.id, in: chart)
        }
        let error = PlanningError.notTheStartingDose(given: 84, starting: 56).description
        #expect(error.contains("starting dose of 56 mg, not 84 mg") && error.contains("--override REASON"))
        // The label's dose needs no reason, and none is kept.
        let plain = try scheduler.record(SessionOutcome(status: .given, record: withOverride(calmRecord(on: first.date, dose: 56), "x")), for: first.id, in: chart)
        #expect(plain.chart.plan?.sessions.first?.record?.startingDoseOverride == nil)
        // With the clinician's reason, 84 mg is recorded and shown.
        let overridden = try scheduler.record(SessionOutcome(status: .given, record: withOverride(calmRecord(on: first.date, dose: 84), "continuing a course begun elsewhere")),
                                              for: first.id, in: chart)
        #expect(overridden.chart.plan?.sessions.first?.record?.doseGivenMg == 84)
        let w = try #require(SafetyChecker(context: .mock()).warnings(for: overridden.chart).first { $0.code == .startingDoseOverridden })
        #expect(w.message.contains("first dose 84 mg instead of the label's starting dose, by the clinician's decision: continuing a course begun elsewhere"))
        // The second dose is free to be 84 mg.
        let second = try #require(overridden.chart.plan?.sessions.dropFirst().first)
        #expect(throws: Never.self) {
            try Scheduler(context: .mock(today: second.date.iso)).record(SessionOutcome(status: .given, record: calmRecord(on: second.date, dose: 84)), for: second.id, in: overridden.chart)
        }
    }

    /// esketamine-mdsi starts at its label dose, 84 mg: 56 mg as the first dose needs the
    /// clinician's reason (it was accepted silently), 84 mg needs none.
    @Test func mdsiFirstDoseIs84mgOrSayWhy() throws {
        let chart = try plannedChart(BuiltInProtocols.esketamineMDSI, start: "2026-01-05")
        let first = try #require(chart.plan?.sessions.first)
        #expect(first.plannedDoseMg == 84)
        let scheduler = Scheduler(context: .mock(today: "2026-01-05"))
        #expect(throws: PlanningError.notTheStartingDose(given: 56, starting: 84)) {
            try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: first.date, dose: 56)), for: first.id, in: chart)
        }
        let overridden = try scheduler.record(SessionOutcome(status: .given, record: withOverride(calmRecord(on: first.date, dose: 56), "dissociation at 84 mg elsewhere")),
                                              for: first.id, in: chart)
        #expect(overridden.chart.plan?.sessions.first?.record?.startingDoseOverride == "dissociation at 84 mg elsewhere")
        let plain = try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: first.date, dose: 84)), for: first.id, in: chart)
        #expect(plain.chart.plan?.sessions.first?.record?.doseGivenMg == 84)
        #expect(plain.chart.plan?.sessions.first?.record?.startingDoseOverride == nil)
    }

    /// At 65 and over, where the clinic chose the reduced start, day 1 is 28 mg.
    @Test func olderAdultsStartAt28mgOrSayWhy() throws {
        let chart = try plannedChart(trd, patient: .mock(born: "1955-06-01"))
        let first = try #require(chart.plan?.sessions.first)
        let scheduler = Scheduler(context: .mock(today: "2026-01-05"))
        #expect(throws: PlanningError.notTheStartingDose(given: 56, starting: 28)) {
            try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: first.date, dose: 56)), for: first.id, in: chart)
        }
        #expect(try scheduler.record(SessionOutcome(status: .given, record: calmRecord(on: first.date)), for: first.id, in: chart).chart.plan?.sessions.first?.record?.doseGivenMg == 28)
    }

    func withOverride(_ record: SessionRecord, _ why: String) -> SessionRecord {
        var r = record
        r.startingDoseOverride = why
        return r
    }

    func gapsFromWeekNine(_ plan: Plan) -> [Int] {
        let doses = plan.sessions.filter { $0.status.isDose }
        return zip(doses, doses.dropFirst()).filter { $0.1.phase == .maintenance }.map { $0.0.date.days(to: $0.1.date) }
    }

    /// Issue example: with learned durability, esketamine from week 9 is every 7 or 14
    /// days, and the reason says why; no off-label warning.
    @Test func durabilityChoosesWeeklyOrFortnightly() throws {
        let chart = try plannedChart(trd, maintenance: .learnedDurability(LearnedDurability()))
        let plan = try #require(chart.plan)
        #expect(!gapsFromWeekNine(plan).isEmpty)
        #expect(gapsFromWeekNine(plan).allSatisfy { $0 == 14 })
        let first = try #require(plan.sessions.first { $0.phase == .maintenance })
        #expect(first.reason.contains("estimated median 18 days"))
        #expect(first.reason.contains("the label allows 7 or 14 days here, so 14"))
        #expect(!SafetyChecker(context: .mock()).warnings(for: chart).contains { $0.code == .intervalOutsideLabel })
        // An explicit fixed:10 is the clinician's off-label choice, and is warned.
        let fixed = try plannedChart(trd, maintenance: .fixedInterval(days: 10))
        #expect(gapsFromWeekNine(try #require(fixed.plan)).first == 10)
        let w = try #require(SafetyChecker(context: .mock()).warnings(for: fixed).first { $0.code == .intervalOutsideLabel })
        #expect(w.message.contains("maintenance every 10 days is off-label (fixed:10, the clinician's choice): the label allows 7 or 14 days from week 9"))
    }

    /// Issue example: an on-demand booster for esketamine is 7 or 14 days after the last
    /// dose given, not whenever the relapse score came.
    @Test func onDemandBoosterKeepsTheLabelsSpacing() throws {
        var chart = try plannedChart(trd, maintenance: .onDemand, assessments: [score(.phq9, 20, on: "2026-01-02"), score(.phq9, 8, on: "2026-01-28")])
        chart = try giveAll(through: "2026-01-28", in: chart, context: .mock(today: "2026-01-28"))
        chart = Scheduler(context: .mock(today: "2026-01-28")).add(ClinicianReview(kind: .endOfInduction, on: day("2026-01-28"), by: "dr.k"), to: chart).chart
        chart = try giveAll(through: "2026-02-23", in: chart, context: .mock(today: "2026-02-27"))
        #expect(dates(chart.plan, phase: .continuation, status: .given).last == "2026-02-23")
        let update = Scheduler(context: .mock(today: "2026-02-27")).add(score(.phq9, 14, on: "2026-02-27"), to: chart)
        let booster = try #require(update.chart.plan?.sessions.first { $0.phase == .maintenance })
        #expect(booster.date == day("2026-03-02"))
        #expect(booster.reason.contains("7 days after the dose on Mon 2026-02-23, as the label allows 7 or 14 days here"))
        #expect(!SafetyChecker(context: .mock(today: "2026-02-27")).warnings(for: update.chart).contains { $0.code == .intervalOutsideLabel })
    }

    static let deferrals = zip(Gen.int(in: 0...60), Gen.int(in: 1...30).array(of: 1...3), Gen.int(in: 0...7), Gen.int(in: 0...83))

    /// Tester's repro: doses 1-2 given, dose 3 deferred a week: the 4 weeks from the first
    /// dose have room for 6 doses only, so doses 7-8 stay induction doses after them (not
    /// continuation), with one warning that does not advise `plan new`, and the
    /// end-of-induction review comes after the last of them.
    @Test func aMidInductionDeferralKeepsEightInductionDoses() throws {
        var chart = try plannedChart(trd, start: "2026-11-30")
        chart = try giveAll(through: "2026-12-03", in: chart, context: .mock(today: "2026-12-03"))
        let third = try #require(chart.plan?.sessions.first { $0.status == .planned })
        chart = try Scheduler(context: .mock(today: third.date.iso))
            .record(SessionOutcome(status: .deferred, record: SessionRecord(deferredUntil: day("2026-12-14"))), for: third.id, in: chart).chart
        let plan = try #require(chart.plan)
        let induction = plan.sessions.filter { $0.phase == .induction && $0.status.isDose }
        #expect(induction.count == 8, "\(plan.sessions.map { "\($0.date) \($0.phase) \($0.status)" })")
        let lastInduction = try #require(induction.last?.date)
        #expect(lastInduction >= day("2026-12-28"))
        #expect(plan.sessions.filter { $0.phase == .continuation }.allSatisfy { $0.date > lastInduction })
        #expect(induction.last?.reason.contains("a deferral left them too few days") == true)
        let warnings = SafetyChecker(context: .mock(today: third.date.iso)).warnings(for: chart)
        let stretched = warnings.filter { $0.code == .inductionStretched }
        #expect(stretched.count == 1 && !warnings.contains { $0.code == .phaseIncomplete })
        #expect(stretched.first?.message.contains("plan new") == false)
        // The doses past week 4 are not held by the end-of-induction review.
        let held = HoldChecker(context: .mock(today: lastInduction.iso)).heldSessions(in: chart)
        #expect(induction.allSatisfy { held[$0.id] == nil })
    }

    /// Property: however often and however far the first dose is deferred, and whichever
    /// later induction dose is deferred by 1-12 days, esketamine induction keeps its 8
    /// doses, at most 2 a week, filling the weeks 1-4 (from the first dose given) that the
    /// deferral left free; doses go past week 4 only after a deferral, and then with a warning.
    @Test func eightDosesInFourWeeksFromTheFirstDose() async {
        await propertyCheck(count: 120, input: Self.deferrals) { startOffset, firstDeferrals, laterIndex, shiftAndDays in
            Self.inductionKeepsItsDoses(startOffset: startOffset, firstDeferrals: firstDeferrals, laterIndex: laterIndex, shiftAndDays: shiftAndDays)
        }
    }

    /// One case of `eightDosesInFourWeeksFromTheFirstDose`.
    static func inductionKeepsItsDoses(startOffset: Int, firstDeferrals: [Int], laterIndex: Int, shiftAndDays: Int) {
            // One generator for two numbers: the weekday shift (0-6) and the later deferral (1-12 days).
            let weekdayShift = shiftAndDays % 7, laterDays = shiftAndDays / 7 + 1
            let start = day("2026-01-05").adding(days: startOffset + weekdayShift)
            var today = start
            var chart = PatientChart(patient: .mock())
            chart.plan = try! Scheduler(context: .mock(today: today.iso, horizon: "2027-06-01")).makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: start)
            for days in firstDeferrals {
                let first = chart.plan!.sessions.first { $0.status == .planned }!
                today = first.date
                let until = first.date.adding(days: days)
                chart = try! Scheduler(context: .mock(today: today.iso, horizon: "2027-06-01"))
                    .record(SessionOutcome(status: .deferred, record: SessionRecord(deferredUntil: until)), for: first.id, in: chart).chart
            }
            // Give the first dose, then give the induction doses before one of them and
            // defer that one by 1-12 days.
            let context = { (d: CalendarDay) in SchedulingContext.mock(today: d.iso, horizon: "2027-06-01") }
            let first = chart.plan!.sessions.first { $0.status == .planned }!
            chart = try! Scheduler(context: context(first.date)).record(SessionOutcome(status: .given, record: calmRecord(on: first.date)), for: first.id, in: chart).chart
            var deferredUntil: CalendarDay?
            for _ in 0..<laterIndex {
                guard let next = chart.plan!.sessions.first(where: { $0.phase == .induction && $0.status == .planned }) else { break }
                chart = try! Scheduler(context: context(next.date)).record(SessionOutcome(status: .given, record: calmRecord(on: next.date)), for: next.id, in: chart).chart
            }
            if let later = chart.plan!.sessions.first(where: { $0.phase == .induction && $0.status == .planned }) {
                deferredUntil = later.date.adding(days: laterDays)
                chart = try! Scheduler(context: context(later.date))
                    .record(SessionOutcome(status: .deferred, record: SessionRecord(deferredUntil: deferredUntil)), for: later.id, in: chart).chart
            }
            let plan = chart.plan!
            let from = plan.courseStart
            let doses = plan.sessions.filter { $0.phase == .induction && $0.status.isDose }
            #expect(from == first.date)
            // Whatever is deferred, the induction keeps its 8 doses, at most 2 a week.
            #expect(doses.count == 8, "\(plan.sessions.map { "\($0.date) \($0.status)" })")
            #expect(doses.allSatisfy { $0.date >= from })
            for w in 0..<8 {
                let week = from.adding(days: 7 * w)..<from.adding(days: 7 * w + 7)
                let count = doses.filter { week.contains($0.date) }.count
                #expect(count <= 2, "week \(w + 1) from \(from): \(doses.map(\.date))")
                // Weeks 1-4 the deferral left free are filled.
                if w < 4, week.lowerBound >= (deferredUntil ?? from) {
                    #expect(count == 2, "week \(w + 1) from \(from): \(doses.map(\.date))")
                }
            }
            // Doses past the 4 weeks only when a deferral left too few days, and then said.
            if doses.contains(where: { $0.date >= from.adding(days: 28) }) {
                #expect(deferredUntil != nil)
                #expect(SafetyChecker(context: context(doses.last!.date.adding(days: -1))).warnings(for: chart).contains { $0.code == .inductionStretched },
                        "\(doses.map(\.date))")
            }
    }
}
