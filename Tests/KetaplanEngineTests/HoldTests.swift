import Testing
@testable import KetaplanEngine

/// Holds: raised, kept, re-raised, lifted only by the named action, and the refusals
/// that name them (docs/clinical-rules.md, "Holds").
@Suite struct HoldTests {
    let context = SchedulingContext.mock()
    var scheduler: Scheduler { Scheduler(context: context) }

    func holds(_ chart: PatientChart, today: String = "2026-01-05") -> [HoldCode] {
        HoldChecker(context: .mock(today: today)).holds(for: chart).map(\.code)
    }

    /// Records session 1 (today, 2026-01-05) as given with calm readings.
    func giveFirst(_ chart: PatientChart, overrideReason: String? = nil, record: SessionRecord? = nil) throws(PlanningError) -> PatientChart {
        let first = chart.plan!.sessions[0]
        return try scheduler.record(SessionOutcome(status: .given, record: record ?? calmRecord(on: first.date), overrideReason: overrideReason, decidedBy: "dr.k"),
                                    for: first.id, in: chart).chart
    }

    func refusal(_ chart: PatientChart, record: SessionRecord? = nil, overrideReason: String? = nil) -> String? {
        do { _ = try giveFirst(chart, overrideReason: overrideReason, record: record); return nil } catch { return error.description }
    }

    func review(_ kind: ReviewKind, on date: String = "2026-01-05") -> ClinicianReview {
        ClinicianReview(kind: kind, on: day(date), by: "dr.k", note: "seen")
    }

    // MARK: C-SSRS

    @Test func positiveScreenHoldsEveryDoseUntilAReview() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart = scheduler.add(try Assessment(date: day("2026-01-04"), instrument: .cssrs, score: 4), to: chart).chart
        #expect(holds(chart) == [.suicideScreen])
        let held = HoldChecker(context: context).heldSessions(in: chart)
        #expect(held.count == chart.plan!.sessions.count)
        let message = try #require(refusal(chart))
        #expect(message.contains("session 1 cannot be recorded as given: on hold (positive C-SSRS screen) since 2026-01-04"))
        #expect(message.contains("ketaplan review P-1 --kind suicide-screen"))
        chart = scheduler.add(review(.positiveSuicideScreen), to: chart).chart
        #expect(holds(chart).isEmpty)
        #expect(try giveFirst(chart).plan!.sessions[0].status == .given)
    }

    @Test func aLaterNegativeScreenDoesNotLiftIt() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = scheduler.add(score(.cssrs, 5, on: "2026-01-03"), to: chart).chart
        chart = scheduler.add(score(.cssrs, 0, on: "2026-01-04"), to: chart).chart
        #expect(holds(chart) == [.suicideScreen])
        let warning = try #require(SafetyChecker(context: context).warnings(for: chart).first { $0.code == .suicideScreenPositive })
        #expect(warning.message.contains("2026-01-03 (high risk)"))
        #expect(refusal(chart) != nil)
    }

    @Test func aReviewDatedBeforeTheScreenDoesNotLiftIt() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = scheduler.add(score(.cssrs, 3, on: "2026-01-05"), to: chart).chart
        chart = scheduler.add(review(.positiveSuicideScreen, on: "2026-01-04"), to: chart).chart
        #expect(holds(chart) == [.suicideScreen])
    }

    @Test func aNewPositiveScreenAfterAReviewHoldsAgainTheSameDay() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = scheduler.add(score(.cssrs, 3, on: "2026-01-05"), to: chart).chart
        chart = scheduler.add(review(.positiveSuicideScreen), to: chart).chart
        #expect(holds(chart).isEmpty)
        chart = scheduler.add(score(.cssrs, 5, on: "2026-01-05"), to: chart).chart
        #expect(holds(chart) == [.suicideScreen])
        #expect(SafetyChecker(context: context).warnings(for: chart).contains { $0.code == .suicideScreenPositive && $0.message.contains("high risk") })
        chart = scheduler.add(review(.positiveSuicideScreen), to: chart).chart
        #expect(holds(chart).isEmpty)
    }

    @Test func theHoldNamesTheHighestRiskSinceTheLastReview() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = scheduler.add(score(.cssrs, 6, on: "2026-01-05"), to: chart).chart
        chart = scheduler.add(score(.cssrs, 3, on: "2026-01-05"), to: chart).chart
        let hold = try #require(HoldChecker(context: context).holds(for: chart).first)
        #expect(hold.message.hasPrefix("positive C-SSRS screen on 2026-01-05 (high risk); latest on 2026-01-05 (moderate risk)"))
        let warning = try #require(SafetyChecker(context: context).warnings(for: chart).first { $0.code == .suicideScreenPositive })
        #expect(warning.message.contains("(high risk)"))
        // After a review, a new moderate screen is named as moderate.
        chart = scheduler.add(review(.positiveSuicideScreen), to: chart).chart
        chart = scheduler.add(score(.cssrs, 3, on: "2026-01-05"), to: chart).chart
        #expect(try #require(HoldChecker(context: context).holds(for: chart).first).message.contains("(moderate risk)"))
    }

    @Test func aReviewWithNothingToReviewIsRefused() throws {
        let chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        #expect(throws: PlanningError.nothingToReview(.underAge, "the patient is 44; this review is only for a patient under 18")) {
            try scheduler.review(review(.underAge), in: chart)
        }
        #expect(throws: PlanningError.self) { try scheduler.review(review(.positiveSuicideScreen), in: chart) }
        #expect(throws: PlanningError.self) { try scheduler.review(review(.noMoodStabiliser), in: chart) }
        #expect(PlanningError.nothingToReview(.positiveSuicideScreen, "x").description.contains("nothing to review for 'suicide-screen'"))
        // With something to review, each is recorded and lifts its hold.
        let screened = scheduler.add(score(.cssrs, 4, on: "2026-01-05"), to: chart).chart
        #expect(holds(try scheduler.review(review(.positiveSuicideScreen), in: screened).chart).isEmpty)
        let bipolar = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(conditions: [.bipolarDepression]))
        #expect(holds(try scheduler.review(review(.noMoodStabiliser), in: bipolar).chart).isEmpty)
        let withLithium = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(conditions: [.bipolarDepression], moodStabiliser: "lithium"))
        #expect(throws: PlanningError.self) { try scheduler.review(review(.noMoodStabiliser), in: withLithium) }
        let teen = PatientChart(patient: .mock(born: "2011-06-01"))
        #expect(try scheduler.review(review(.underAge), in: teen).chart.reviews.count == 1)
        // Kinds that are the clinician's call at any time still record.
        #expect(try scheduler.review(review(.futility), in: chart).chart.reviews.count == 1)
    }

    @Test func behaviourWithinThreeMonthsIsHighRisk() throws {
        #expect(try Assessment(date: day("2026-01-05"), instrument: .cssrs, score: 6).suicideRisk == .high)
        #expect(try Assessment(date: day("2026-01-05"), instrument: .cssrs, score: 6, behaviourWithin3Months: true).suicideRisk == .high)
        #expect(try Assessment(date: day("2026-01-05"), instrument: .cssrs, score: 6, behaviourWithin3Months: false).suicideRisk == .moderate)
        // The flag means nothing for other instruments and is not kept.
        #expect(try Assessment(date: day("2026-01-05"), instrument: .phq9, score: 6, behaviourWithin3Months: false).behaviourWithin3Months == nil)
    }

    // MARK: Screening

    @Test func absoluteContraindicationEnteredAfterThePlanHoldsWithNoOverride() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart = setScreening(scheduler, [(.aneurysmalVascularDisease, true)], by: "dr.k", note: "CT report", in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        #expect(chart.plan!.sessions.allSatisfy { $0.status == .planned }, "chairs stay reserved")
        let message = try #require(refusal(chart, overrideReason: "benefit outweighs"))
        #expect(message.contains("Aneurysmal vascular disease"))
        #expect(message.contains("No override"))
        #expect(message.contains("ketaplan screening set P-1 aneurysmalVascularDisease=no"))
        // An acknowledgement does not lift it (the item cannot be acknowledged away).
        chart = try scheduler.acknowledge(ScreeningAcknowledgement(item: .aneurysmalVascularDisease, by: "dr.k", on: day("2026-01-05")), in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        // Correcting a wrong answer lifts it, and the correction is kept with its note.
        chart = setScreening(scheduler, [(.aneurysmalVascularDisease, false)], by: "dr.k", note: "wrong patient's report", in: chart).chart
        #expect(holds(chart).isEmpty)
        #expect(chart.patient.screening.lastAnswer(.aneurysmalVascularDisease)?.note == "wrong patient's report")
        #expect(chart.patient.screening.history.count == 2)
        #expect(try giveFirst(chart).plan!.sessions[0].status == .given)
    }

    /// Sets screening answers (nil: unknown) as the screening edit does (ClinicEdits'
    /// `ScreeningChange`, which the engine tests cannot import): each kept with who, when
    /// and the note, then the plan re-planned, so holds follow the new answers.
    func setScreening(_ scheduler: Scheduler, _ answers: [(ScreeningItem, Bool?)], by: String, note: String = "", in chart: PatientChart) -> ChartUpdate {
        var chart = chart
        for (item, answer) in answers { chart.patient.screening.set(item, to: answer, by: by, on: scheduler.context.today, note: note) }
        return chart.plan == nil ? ChartUpdate(chart: chart, changes: []) : scheduler.replanned(chart)
    }

    /// Records `session` (0-based) as given on its own day, with that day as today.
    func give(_ index: Int, in chart: PatientChart, overrideReason: String? = nil) throws(PlanningError) -> PatientChart {
        let session = chart.plan!.sessions[index]
        return try Scheduler(context: .mock(today: session.date.description))
            .record(SessionOutcome(status: .given, record: calmRecord(on: session.date), overrideReason: overrideReason, decidedBy: "dr.k"),
                    for: session.id, in: chart).chart
    }

    @Test func aYesOnAnAbsoluteItemIsNotLiftedByChangingItToUnknown() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart = try giveFirst(chart)
        let second = chart.plan!.sessions[1]
        let onYes = Scheduler(context: .mock(today: "2026-01-06"))
        chart = setScreening(onYes, [(.aneurysmalVascularDisease, true)], by: "dr.k", note: "CT report", in: chart).chart
        let onUnknown = Scheduler(context: .mock(today: second.date.description))
        chart = setScreening(onUnknown, [(.aneurysmalVascularDisease, nil)], by: "dr.k", note: "not sure", in: chart).chart
        let standing = HoldChecker(context: .mock(today: second.date.description)).holds(for: chart)
        #expect(standing.map(\.code) == [.absoluteContraindication], "no first-dose-only hold is listed once a dose is given")
        let hold = try #require(standing.first)
        #expect(hold.since == day("2026-01-06"), "since the day the yes was entered")
        #expect(hold.message.contains("changed to 'unknown' (only 'no' lifts it)"))
        // Every planned session is held, and the hold names them.
        let held = HoldChecker(context: .mock(today: second.date.description)).heldSessions(in: chart)
        #expect(held.count == chart.plan!.sessions.filter { $0.status == .planned }.count)
        do {
            _ = try give(1, in: chart, overrideReason: "benefit outweighs")
            Issue.record("a dose was recorded under an absolute contraindication answered 'unknown'")
        } catch {
            #expect(error.description.contains("on hold (absolute contraindication) since 2026-01-06"))
            #expect(error.description.contains("aneurysmalVascularDisease=no --note WHY"))
        }
        // Only a correction to "no" lifts it; then the dose records.
        chart = setScreening(onUnknown, [(.aneurysmalVascularDisease, false)], by: "dr.k", note: "CT was another patient's", in: chart).chart
        #expect(HoldChecker(context: .mock(today: second.date.description)).holds(for: chart).isEmpty)
        #expect(try give(1, in: chart).plan!.sessions[1].status == .given)
    }

    @Test func anAbsoluteItemAnsweredUnknownHoldsEveryDoseNotOnlyTheFirst() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = try giveFirst(chart)
        let third = chart.plan!.sessions[2]
        let later = Scheduler(context: .mock(today: third.date.description))
        chart = setScreening(later, [(.priorStroke, nil)], by: "dr.k", note: "record lost", in: chart).chart
        let hold = try #require(HoldChecker(context: .mock(today: third.date.description)).holds(for: chart).first)
        #expect(hold.code == .absoluteContraindication)
        #expect(hold.since == third.date, "since the day the answer changed, not the plan's start")
        #expect(hold.message.contains("Prior stroke not ruled out"))
        #expect(throws: PlanningError.self) { try give(2, in: chart) }
        // A session dated before the answer changed was not held then: late entry works.
        #expect(try give(1, in: chart).plan!.sessions[1].status == .given)
        // A relative item answered unknown after the first dose holds nothing.
        var relative = try giveFirst(try plannedChart(BuiltInProtocols.ivKetamine3x))
        relative = setScreening(scheduler, [(.psychosis, nil)], by: "dr.k", in: relative).chart
        #expect(holds(relative).isEmpty)
        // Answering "no" lifts it.
        chart = setScreening(later, [(.priorStroke, false)], by: "dr.k", note: "GP record found", in: chart).chart
        #expect(try give(2, in: chart).plan!.sessions[2].status == .given)
    }

    @Test func aSessionBeforeTheHoldBeganCanStillBeRecorded() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = try giveFirst(chart)
        let second = chart.plan!.sessions[1], third = chart.plan!.sessions[2]
        // Entered late: a high-risk screen dated the third session's day.
        chart = Scheduler(context: .mock(today: third.date.adding(days: 1).description))
            .add(score(.cssrs, 5, on: third.date.description), to: chart).chart
        let checker = HoldChecker(context: .mock(today: third.date.adding(days: 1).description))
        let held = checker.heldSessions(in: chart)
        #expect(held[second.id] == nil, "dated before the hold began")
        #expect(held[third.id] != nil, "on the hold's first day")
        let late = Scheduler(context: .mock(today: third.date.adding(days: 1).description))
        let recorded = try late.record(SessionOutcome(status: .given, record: calmRecord(on: second.date), decidedBy: "dr.k"), for: second.id, in: chart).chart
        #expect(recorded.plan!.sessions[1].status == .given)
        #expect(throws: PlanningError.self) {
            try late.record(SessionOutcome(status: .given, record: calmRecord(on: third.date), decidedBy: "dr.k"), for: third.id, in: recorded)
        }
    }

    @Test func uncontrolledHypertensionIsAbsoluteForKetamineOnly() throws {
        var chart = try plannedChart(BuiltInProtocols.imKetamineWeekly)
        chart = setScreening(scheduler, [(.uncontrolledHypertension, true)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        #expect(throws: PlanningError.self) { try giveFirst(chart, overrideReason: "weighed") }
        // An acknowledgement does not lift it.
        chart = try scheduler.acknowledge(ScreeningAcknowledgement(item: .uncontrolledHypertension, by: "dr.k", on: day("2026-01-05")), in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        #expect(try #require(HoldChecker(context: context).holds(for: chart).first).message.contains("Uncontrolled hypertension"))
        // Esketamine: relative, lifted by an acknowledgement.
        var esk = try plannedChart(BuiltInProtocols.esketamineTRD)
        esk = setScreening(scheduler, [(.uncontrolledHypertension, true)], by: "dr.k", in: esk).chart
        #expect(holds(esk) == [.relativeContraindication])
        esk = try scheduler.acknowledge(ScreeningAcknowledgement(item: .uncontrolledHypertension, by: "dr.k", on: day("2026-01-05")), in: esk).chart
        #expect(try giveFirst(esk).plan!.sessions[0].status == .given)
    }

    @Test func endingThePlanLiftsEveryHold() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart = setScreening(scheduler, [(.hypersensitivity, true)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        chart = try scheduler.setStatus(.discontinued, in: chart).chart
        #expect(holds(chart).isEmpty)
    }

    @Test func ketamineHoldsOnTheItemsWhereABloodPressureRiseIsAHazard() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = setScreening(scheduler, [(.priorStroke, true)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.absoluteContraindication])
        // For esketamine the same item needs an acknowledgement, not a correction.
        var esk = try plannedChart(BuiltInProtocols.esketamineTRD)
        esk = setScreening(scheduler, [(.priorStroke, true)], by: "dr.k", in: esk).chart
        #expect(holds(esk) == [.relativeContraindication])
    }

    @Test func incompleteScreeningHoldsTheFirstDoseOnly() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = setScreening(scheduler, [(.psychosis, nil)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.screeningIncomplete])
        #expect(HoldChecker(context: context).heldSessions(in: chart).count == chart.plan!.sessions.count)
        let message = try #require(refusal(chart))
        #expect(message.contains("screening incomplete: 1 of 14 items unanswered (psychosis)"))
        #expect(message.contains("ketaplan screening set P-1 psychosis=yes|no"))
        // Once a dose is given (screening was complete then), a later gap does not hold.
        var complete = try plannedChart(BuiltInProtocols.ivKetamine3x)
        complete = try giveFirst(complete)
        complete = setScreening(scheduler, [(.psychosis, nil)], by: "dr.k", in: complete).chart
        #expect(HoldChecker(context: context).heldSessions(in: complete).isEmpty)
        chart = setScreening(scheduler, [(.psychosis, false)], by: "dr.k", in: chart).chart
        #expect(chart.patient.screening.completedOn == day("2026-01-05"))
        #expect(try giveFirst(chart).plan!.sessions[0].status == .given)
    }

    @Test func relativeContraindicationHoldsUntilAcknowledged() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = setScreening(scheduler, [(.substanceUseDisorder, true)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.relativeContraindication])
        #expect(try #require(refusal(chart)).contains("ketaplan review P-1 --kind screening:substanceUseDisorder"))
        chart = try scheduler.acknowledge(ScreeningAcknowledgement(item: .substanceUseDisorder, by: "dr.k", on: day("2026-01-05"), note: "in remission"), in: chart).chart
        #expect(holds(chart).isEmpty)
        #expect(try giveFirst(chart).plan!.sessions[0].status == .given)
    }

    @Test func aChangedAnswerNeedsANewAcknowledgement() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = setScreening(scheduler, [(.psychosis, true)], by: "dr.k", in: chart).chart
        chart = try scheduler.acknowledge(ScreeningAcknowledgement(item: .psychosis, by: "dr.k", on: day("2026-01-05")), in: chart).chart
        chart = setScreening(scheduler, [(.psychosis, false)], by: "dr.k", in: chart).chart
        chart = setScreening(scheduler, [(.psychosis, true)], by: "dr.k", in: chart).chart
        #expect(holds(chart) == [.relativeContraindication])
    }

    // MARK: Age

    @Test func aPatientUnder18NeedsAnOverrideToBePlanned() throws {
        let teen = Patient.mock(born: "2011-06-01")
        let chart = PatientChart(patient: teen)
        #expect(throws: PlanningError.underAge(14, .intranasalEsketamine)) {
            try scheduler.makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: day("2026-01-05"))
        }
        let child = PatientChart(patient: .mock(born: "2021-03-01"))
        #expect(throws: PlanningError.underAge(4, .ivInfusion)) {
            try scheduler.makePlan(for: child, protocol: BuiltInProtocols.ivKetamine3x, start: day("2026-01-05"))
        }
        #expect(PlanningError.underAge(14, .intranasalEsketamine).description.contains("--override REASON"))
        // Worded per route: an IV plan is not refused with the esketamine label's words.
        #expect(PlanningError.underAge(4, .ivInfusion).description.contains("ketamine for depression is off-label and its evidence is in adults only"))
        #expect(!PlanningError.underAge(4, .ivInfusion).description.contains("esketamine"))
        // An empty reason is no reason.
        #expect(throws: PlanningError.underAge(14, .intranasalEsketamine)) {
            try scheduler.makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: day("2026-01-05"),
                                   overrides: [PlanOverride(.underAge, on: day("2026-01-05"), by: "dr.k", reason: "  ")])
        }
        let override = PlanOverride(.underAge, on: day("2026-01-05"), by: "dr.k", reason: "specialist team decision")
        var planned = chart
        planned.plan = try scheduler.makePlan(for: chart, protocol: BuiltInProtocols.esketamineTRD, start: day("2026-01-05"), overrides: [override])
        #expect(planned.plan?.overrides == [override])
        #expect(holds(planned).isEmpty)
    }

    @Test func anOlderPlanForAMinorIsHeldUntilReviewed() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart.patient.dateOfBirth = day("2012-01-01")
        #expect(holds(chart) == [.underAge])
        chart = scheduler.add(review(.underAge), to: chart).chart
        #expect(holds(chart).isEmpty)
    }

    // MARK: Bipolar

    @Test func bipolarWithoutAMoodStabiliserHoldsUntilReviewed() throws {
        for text in [nil, "", "none", "None ", "n/a"] as [String?] {
            let patient = Patient.mock(conditions: [.bipolarDepression], moodStabiliser: text)
            #expect(!patient.hasMoodStabiliser, "\(text ?? "nil") is not a mood stabiliser")
            var chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient)
            #expect(holds(chart) == [.bipolarWithoutMoodStabiliser])
            #expect(SafetyChecker(context: context).warnings(for: chart).contains { $0.code == .bipolarWithoutMoodStabiliser })
            #expect(try #require(refusal(chart)).contains("--kind no-mood-stabiliser"))
            chart = scheduler.add(review(.noMoodStabiliser), to: chart).chart
            #expect(holds(chart).isEmpty)
        }
        let lithium = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: .mock(conditions: [.bipolarDepression], moodStabiliser: "lithium"))
        #expect(holds(lithium).isEmpty)
    }

    // MARK: Pre-dose blood pressure

    @Test func freeTextThatNamesNoMoodStabiliserIsNotOne() throws {
        for text in ["none currently", "none.", "no mood stabiliser", "declined", "stopped", "0", "aspirin", "other:", "None", "n/a"] {
            let patient = Patient.mock(conditions: [.bipolarDepression], moodStabiliser: text)
            #expect(!patient.hasMoodStabiliser, "'\(text)' counted as a mood stabiliser")
            let chart = try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient)
            #expect(holds(chart) == [.bipolarWithoutMoodStabiliser], "'\(text)'")
        }
        for text in ["lithium", " Valproate ", "quetiapine", "Depakote", "lurasidone", "other:asenapine"] {
            let patient = Patient.mock(conditions: [.bipolarDepression], moodStabiliser: text)
            #expect(patient.hasMoodStabiliser, "'\(text)'")
            #expect(holds(try plannedChart(BuiltInProtocols.ivKetamine3x, patient: patient)).isEmpty)
        }
        #expect(MoodStabiliser(parsing: "Depakote") == .named(.valproate))
        #expect(MoodStabiliser(parsing: "declined") == .unrecognised("declined"))
        #expect(MoodStabiliser(parsing: "  ") == nil)
        let message = try #require(HoldChecker(context: context).holds(for: try plannedChart(BuiltInProtocols.ivKetamine3x,
            patient: .mock(conditions: [.bipolarDepression], moodStabiliser: "declined"))).first).message
        #expect(message.contains("'declined' is not a recognised one: lithium, valproate"))
    }

    @Test func preDoseBloodPressureAboveTheLimitNeedsAnOverride() throws {
        let chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        var high = calmRecord(on: day("2026-01-05"))
        high.bpBefore = bp("152/88")
        let message = try #require(refusal(chart, record: high))
        #expect(message.contains("pre-dose BP 152/88 is above 140/90 (esketamine)"))
        #expect(message.contains("--override REASON"))
        #expect(refusal(chart, record: high, overrideReason: " ") != nil, "a blank reason is no reason")
        let given = try giveFirst(chart, overrideReason: "weighed: anxious, rechecked 146/86", record: high)
        #expect(given.plan!.sessions[0].status == .given)
        let kept = try #require(given.plan?.overrides.first)
        #expect(kept == PlanOverride(.preDoseBloodPressure, session: SessionID(1), on: day("2026-01-05"), by: "dr.k", reason: "weighed: anxious, rechecked 146/86"))
    }

    @Test func esketamineWithNoPreDoseReadingNeedsAnOverride() throws {
        let chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        var none = calmRecord(on: day("2026-01-05"))
        none.bpBefore = nil
        #expect(try #require(refusal(chart, record: none)).contains("no pre-dose blood pressure recorded"))
        #expect(try giveFirst(chart, overrideReason: "cuff broken; manual reading in notes", record: none).plan!.overrides.count == 1)
        // Ketamine routes ask only for readings above 180/100.
        let iv = try plannedChart(BuiltInProtocols.ivKetamine3x)
        #expect(refusal(iv, record: none) == nil)
        var ivHigh = none
        ivHigh.bpBefore = bp("150/95")
        #expect(refusal(iv, record: ivHigh) == nil)
        ivHigh.bpBefore = bp("185/95")
        #expect(refusal(iv, record: ivHigh) != nil)
    }

    @Test func heldSessionsCanStillBeMissedDeferredOrCancelled() throws {
        var chart = try plannedChart(BuiltInProtocols.ivKetamine3x)
        chart = scheduler.add(score(.cssrs, 4, on: "2026-01-05"), to: chart).chart
        let first = chart.plan!.sessions[0]
        let missed = try scheduler.record(SessionOutcome(status: .missed), for: first.id, in: chart).chart
        #expect(missed.plan!.sessions.first { $0.id == first.id }?.status == .missed)
    }

    @Test func holdsAndOverridesSurviveAFileRoundTrip() throws {
        var chart = try plannedChart(BuiltInProtocols.esketamineTRD)
        chart = setScreening(scheduler, [(.psychosis, true)], by: "dr.k", note: "history", in: chart).chart
        chart = try scheduler.acknowledge(ScreeningAcknowledgement(item: .psychosis, by: "dr.k", on: day("2026-01-05")), in: chart).chart
        var high = calmRecord(on: day("2026-01-05"))
        high.bpBefore = bp("150/92")
        chart = try giveFirst(chart, overrideReason: "weighed", record: high)
        chart = scheduler.add(try Assessment(date: day("2026-01-05"), instrument: .cssrs, score: 6, behaviourWithin3Months: false), to: chart).chart
        let back = try ChartCodingForTests.decode(ChartCodingForTests.encode(chart))
        #expect(back == chart)
        #expect(back.assessments.last?.entry != nil)
    }

    /// Each hold is lifted by its own action only: every other review kind, and every
    /// acknowledgement that can be recorded, leaves it standing.
    @Test func eachHoldIsLiftedOnlyByItsNamedAction() throws {
        let base = try plannedChart(BuiltInProtocols.ivKetamine3x)
        var cases: [(HoldCode, PatientChart, ReviewKind?)] = []
        cases.append((.suicideScreen, scheduler.add(score(.cssrs, 4, on: "2026-01-05"), to: base).chart, .positiveSuicideScreen))
        var bipolar = base
        bipolar.patient.conditions = [.bipolarDepression]
        cases.append((.bipolarWithoutMoodStabiliser, bipolar, .noMoodStabiliser))
        var minor = base
        minor.patient.dateOfBirth = day("2012-01-01")
        cases.append((.underAge, minor, .underAge))
        cases.append((.relativeContraindication, setScreening(scheduler, [(.psychosis, true)], by: "dr.k", in: base).chart, nil))
        cases.append((.absoluteContraindication, setScreening(scheduler, [(.priorStroke, true)], by: "dr.k", in: base).chart, nil))
        cases.append((.screeningIncomplete, setScreening(scheduler, [(.cystitis, nil)], by: "dr.k", in: base).chart, nil))
        for (code, chart, lifter) in cases {
            #expect(holds(chart) == [code], "\(code) is raised")
            var others = chart
            for kind in ReviewKind.allCases where kind != lifter { others = scheduler.add(review(kind), to: others).chart }
            #expect(holds(others).contains(code), "\(code) stands after every other review")
            if let lifter {
                #expect(!holds(scheduler.add(review(lifter), to: others).chart).contains(code), "\(code) lifts with \(lifter.name)")
            }
        }
    }
}
