/// The edits a clinician makes to a chart. Each validates its input, applies it, and
/// re-plans the sessions that are free to move, returning what changed.
extension Scheduler {
    /// Finds a session by its number in the plan ("4") or its date ("2026-12-10").
    /// - Throws: `PlanningError.unknownSession` naming what is accepted.
    public func findSession(_ text: String, in plan: Plan) throws(PlanningError) -> SessionID {
        if let n = Int(text), let s = plan.session(number: n) { return s.id }
        if let day = try? CalendarDay(iso: text), let s = plan.session(on: day) { return s.id }
        throw .unknownSession(text)
    }

    /// Records what happened at a planned session and re-plans the rest.
    /// - Parameter replanning: false records the outcome, with every check, and leaves the
    ///   rest of the plan as it was last laid out, for a history generated in bulk (the
    ///   demo's large clinics) whose next re-plan lays it out anyway; a clinician's record
    ///   always re-plans.
    /// - Throws: `PlanningError` when the session is already recorded, not yet due
    ///   (given or missed in the future), the dose is not allowed, the deferral date
    ///   is not after the session, or (given) a hold stands on it (`.held`, naming what
    ///   lifts it) or a pre-dose gate refuses it without `outcome.overrideReason`.
    public func record(_ outcome: SessionOutcome, for id: SessionID, in chart: PatientChart, replanning: Bool = true) throws(PlanningError) -> ChartUpdate {
        var (chart, plan, index) = try editable(chart, id)
        let session = plan.sessions[index]
        let number = index + 1
        guard session.status == .planned else { throw .sessionAlreadyRecorded(number, session.status) }
        var record = outcome.record
        switch outcome.status {
        case .planned:
            throw .invalidRecord("record a session as given, missed, deferred or cancelled")
        case .given:
            guard session.date <= context.today else { throw .sessionInFuture(number, session.date) }
            if record.doseGivenMg == nil { record.doseGivenMg = session.plannedDoseMg }
            guard let dose = record.doseGivenMg else {
                throw .invalidRecord("session \(number) has no planned dose: enter the dose given in mg")
            }
            if let phase = plan.protocolCopy.phase(session.phase) {
                let calculator = DoseCalculator(settings: context.settings)
                do { try calculator.checkOnItsDay(doseMg: dose, rule: phase.dose, for: chart.patient, on: session.date) } catch {
                    throw .dose(error)
                }
                // The label's starting dose (esketamine-trd: 56 mg, 28 mg at 65 and over where
                // the clinic chose it; esketamine-mdsi: 84 mg) binds the course's first dose
                // given, for every fixed-dose protocol (its first-session dose, else its usual one).
                if case .fixed = phase.dose, !plan.sessions.contains(where: { $0.status == .given }),
                   let starting = try? calculator.plannedDose(phase.dose, for: chart.patient, isFirstOfCourse: true, on: session.date),
                   starting != dose {
                    let reason = (record.startingDoseOverride ?? outcome.overrideReason ?? "").trimmingWhitespace
                    guard !reason.isEmpty else { throw .notTheStartingDose(given: dose, starting: starting) }
                    record.startingDoseOverride = reason
                } else {
                    record.startingDoseOverride = nil
                }
            }
            if let problem = record.minutesMonitored.flatMap(SessionRecord.minutesMonitoredProblem) { throw .invalidRecord(problem) }
            if let problem = record.dissociationCADSS.flatMap(SessionRecord.cadssProblem) { throw .invalidRecord(problem) }
            let checker = HoldChecker(context: context)
            let standing = checker.holds(on: session, in: chart)
            if !standing.isEmpty { throw .held(number, standing) }
            let gates = checker.gates(recording: record, at: session, in: plan)
            if !gates.isEmpty {
                guard let reason = outcome.overrideReason?.trimmingWhitespace, !reason.isEmpty else { throw .held(number, gates) }
                let by = outcome.decidedBy ?? record.givenBy ?? ""
                for gate in gates {
                    plan.overrides.append(PlanOverride(gate.code, session: session.id, on: context.today, by: by, reason: reason))
                }
            }
        case .missed:
            guard session.date <= context.today else { throw .sessionInFuture(number, session.date) }
        case .deferred:
            if let until = record.deferredUntil, until <= session.date { throw .deferralBeforeSession(until) }
        case .cancelled:
            break
        }
        plan.sessions[index].status = outcome.status
        plan.sessions[index].record = record
        chart.plan = plan
        return replanning ? replanned(chart) : ChartUpdate(chart: chart, changes: [])
    }

    /// Corrects the record of a session that was given. The record it replaces is kept in
    /// the session's `amendments` with the reason, who and today, so the original stays on
    /// the chart; the status and date do not change. The corrected record meets the same
    /// checks as a recorded one (an allowed dose, plausible minutes and CADSS, the label's
    /// starting dose for the course's first dose unless the clinician's decision is kept).
    /// A paused, completed or discontinued plan's records can be corrected too.
    /// - Throws: `PlanningError` when the session was not given, the reason is empty,
    ///   nothing differs, or the corrected record fails a check.
    public func amend(_ id: SessionID, to corrected: SessionRecord, reason: String, by: String, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        guard var plan = chart.plan else { throw .noPlan }
        guard let index = plan.sessions.firstIndex(where: { $0.id == id }) else { throw .unknownSession(id.description) }
        let session = plan.sessions[index]
        let number = index + 1
        guard session.status == .given, let old = session.record else {
            throw .invalidRecord("session \(number) is \(session.status), not given: only a given session's record is amended (record it with `session record`)")
        }
        let why = reason.trimmingWhitespace
        guard !why.isEmpty else { throw .invalidRecord("give the reason for correcting session \(number)'s record (kept with the original)") }
        guard corrected != old else { throw .invalidRecord("session \(number)'s record already says this: nothing to amend") }
        guard let dose = corrected.doseGivenMg else { throw .invalidRecord("session \(number) was given: its record keeps the dose given in mg") }
        if let phase = plan.protocolCopy.phase(session.phase) {
            let calculator = DoseCalculator(settings: context.settings)
            do { try calculator.checkOnItsDay(doseMg: dose, rule: phase.dose, for: chart.patient, on: session.date) } catch { throw .dose(error) }
            let first = plan.sessions.first { $0.status == .given }?.id == id
            if case .fixed = phase.dose, first,
               let starting = try? calculator.plannedDose(phase.dose, for: chart.patient, isFirstOfCourse: true, on: session.date),
               starting != dose, (corrected.startingDoseOverride ?? "").trimmingWhitespace.isEmpty {
                throw .notTheStartingDose(given: dose, starting: starting)
            }
        }
        if let problem = corrected.minutesMonitored.flatMap(SessionRecord.minutesMonitoredProblem) { throw .invalidRecord(problem) }
        if let problem = corrected.dissociationCADSS.flatMap(SessionRecord.cadssProblem) { throw .invalidRecord(problem) }
        plan.sessions[index].amendments.append(SessionAmendment(original: old, reason: why, by: by, on: context.today))
        plan.sessions[index].record = corrected
        var chart = chart
        chart.plan = plan
        return plan.status == .active ? replanned(chart) : ChartUpdate(chart: chart, changes: [])
    }

    /// Every rule a manual move of a session to `day` would break (empty when none), each
    /// named: before today, a day that already holds a session, a closed day, a day off the
    /// patient's days, full chairs, under the minimum gap, a full week.
    public func concerns(moving id: SessionID, to day: CalendarDay, in chart: PatientChart) -> [MoveConcern] {
        guard let plan = chart.plan, let session = plan.session(id), let phase = plan.protocolCopy.phase(session.phase) else { return [] }
        var concerns: [MoveConcern] = []
        if day < context.today { concerns.append(MoveConcern(message: "\(day.shortLabel) is before today")) }
        let others = plan.sessions.filter { $0.id != id }
        let doseDays = others.filter { $0.status.isDose }.map(\.date).sorted()
        let phaseStart = phaseStartDay(of: session.phase, in: plan)
        for why in SchedulingRules.violations(of: day, phase: phase, phaseStart: phaseStart, occupied: Set(others.map(\.date)),
                                              doseDays: doseDays, preferredWeekdays: plan.preferredWeekdays, context: context) {
            concerns.append(MoveConcern(message: "\(day.shortLabel): \(why.text)"))
        }
        return concerns
    }

    /// The refusals no confirmation lifts, checked before a move's broken rules are listed
    /// (so nobody is told to confirm a move that would still be refused): only a planned
    /// session moves, and never to a day before today.
    /// - Throws: `PlanningError.sessionAlreadyRecorded` or `.invalidRecord`, saying what to do instead.
    public func checkMovable(_ id: SessionID, to day: CalendarDay, in chart: PatientChart) throws(PlanningError) {
        let (_, plan, index) = try editable(chart, id)
        guard plan.sessions[index].status == .planned else {
            throw .sessionAlreadyRecorded(index + 1, plan.sessions[index].status)
        }
        guard day >= context.today else {
            throw .invalidRecord("a session cannot be moved to \(day), before today, even when confirmed: choose today or a later day")
        }
    }

    /// Moves a planned session to `day` and pins it there. The day it leaves joins the
    /// plan's `vacatedDays`, so no re-plan books the patient there again; the free sessions
    /// re-plan around the pinned one and keep their dates unless a rule forces a change
    /// (each change is listed in the update).
    /// - Parameter acceptingConcerns: the clinician saw `concerns(moving:to:in:)` and
    ///   confirmed; without it a move that breaks a rule is refused.
    /// - Throws: `PlanningError.invalidRecord` when the session is not planned or the
    ///   move breaks a rule that was not accepted (naming every rule it breaks).
    public func move(_ id: SessionID, to day: CalendarDay, in chart: PatientChart, acceptingConcerns: Bool = false) throws(PlanningError) -> ChartUpdate {
        try checkMovable(id, to: day, in: chart)
        var (chart, plan, index) = try editable(chart, id)
        let concerns = concerns(moving: id, to: day, in: chart)
        if !concerns.isEmpty && !acceptingConcerns {
            throw .invalidRecord("moving session \(index + 1) to \(day) breaks \(concerns.count == 1 ? "a rule" : "\(concerns.count) rules"): " + concerns.map(\.message).joined(separator: "; ") + " (confirm to move it anyway)")
        }
        let from = plan.sessions[index].date
        plan.sessions[index].date = day
        plan.sessions[index].pinned = true
        plan.sessions[index].reason = "moved by a clinician from \(from.shortLabel)" + (concerns.isEmpty ? "" : Session.despiteMarker + concerns.map(\.message).joined(separator: "; "))
        plan.sessions.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        if from != day {
            plan.vacatedDays.removeAll { $0 == day }
            if !plan.vacatedDays.contains(from) { plan.vacatedDays.append(from) }
            plan.vacatedDays.sort()
        }
        chart.plan = plan
        var update = replanned(chart)
        if from != day { update.changes.insert(.moved(id, from: from, to: day), at: 0) }
        return update
    }

    /// Adds a score and re-plans (score-driven policies respond; a positive C-SSRS screen
    /// stops automatic scheduling).
    public func add(_ assessment: Assessment, to chart: PatientChart) -> ChartUpdate {
        var chart = chart
        chart.add(assessment)
        return chart.plan == nil ? ChartUpdate(chart: chart, changes: []) : replanned(chart)
    }

    /// Records a clinician's review and re-plans (a reviewed suicide screen lets
    /// scheduling resume).
    public func add(_ review: ClinicianReview, to chart: PatientChart) -> ChartUpdate {
        var chart = chart
        chart.add(review)
        return chart.plan == nil ? ChartUpdate(chart: chart, changes: []) : replanned(chart)
    }

    /// Records a clinician's review after checking there is something of its kind to
    /// review (`checkReviewable`), and re-plans.
    /// - Throws: `PlanningError.nothingToReview` naming what the review is for.
    public func review(_ review: ClinicianReview, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        try checkReviewable(review.kind, in: chart)
        return add(review, to: chart)
    }

    /// Refuses a review of a kind with nothing of that kind on the chart: an under-18
    /// review for an adult, a suicide-screen review with no positive screen awaiting one,
    /// a no-mood-stabiliser review for a patient without bipolar depression or with a
    /// mood stabiliser on record. Other kinds (futility, end of induction, beyond the
    /// evaluated duration) are the clinician's call at any time.
    /// - Throws: `PlanningError.nothingToReview`.
    public func checkReviewable(_ kind: ReviewKind, in chart: PatientChart) throws(PlanningError) {
        let patient = chart.patient
        switch kind {
        case .underAge:
            let age = patient.age(on: max(context.today, chart.plan?.startDate ?? context.today))
            if age >= HoldChecker.adultAge {
                throw .nothingToReview(kind, "the patient is \(age); this review is only for a patient under \(HoldChecker.adultAge)")
            }
        case .positiveSuicideScreen:
            if CourseRules.unreviewedPositiveSuicideScreen(chart) == nil {
                throw .nothingToReview(kind, "no positive C-SSRS screen (moderate or high risk) is awaiting a review")
            }
        case .noMoodStabiliser:
            if !patient.conditions.contains(.bipolarDepression) {
                throw .nothingToReview(kind, "the patient has no bipolar depression on record")
            }
            if patient.hasMoodStabiliser {
                throw .nothingToReview(kind, "a mood stabiliser is on record")
            }
        case .futility, .endOfInduction, .beyondEvaluatedDuration:
            break
        }
    }

    /// Records a clinician's acknowledgement of a screening finding and re-plans.
    /// - Throws: `PlanningError.invalidRecord` when the item is not answered "present".
    public func acknowledge(_ acknowledgement: ScreeningAcknowledgement, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        guard chart.patient.screening.answers[acknowledgement.item] == true else {
            throw .invalidRecord("'\(acknowledgement.item.question)' is not recorded as present in the screening: nothing to acknowledge")
        }
        var chart = chart
        chart.patient.screening.acknowledged.removeAll { $0.item == acknowledgement.item }
        chart.patient.screening.acknowledged.append(acknowledgement)
        return chart.plan == nil ? ChartUpdate(chart: chart, changes: []) : replanned(chart)
    }

    /// Pauses, resumes, completes or discontinues a plan. Leaving `active` takes the
    /// planned sessions from today on off the schedule (each is reported as removed);
    /// returning to `active` lays them out again. Recorded and overdue sessions stay.
    public func setStatus(_ status: PlanStatus, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        guard var plan = chart.plan else { throw .noPlan }
        guard plan.status != status else { throw .invalidRecord("the plan is already \(status)") }
        var chart = chart
        plan.status = status
        if status == .active {
            chart.plan = plan
            return replanned(chart)
        }
        let dropped = plan.sessions.filter { $0.status == .planned && $0.date >= context.today }
        plan.sessions.removeAll { s in dropped.contains { $0.id == s.id } }
        chart.plan = plan
        return ChartUpdate(chart: chart, changes: dropped.map { .removed($0.id, was: $0.date) })
    }

    /// Changes the maintenance policy and re-plans.
    /// - Throws: `PlanningError.policy` for unusable numbers, `.noMaintenance` when the
    ///   protocol has no maintenance.
    public func changeMaintenance(to policy: MaintenancePolicy, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        guard var plan = chart.plan else { throw .noPlan }
        guard plan.protocolCopy.hasMaintenance else { throw .noMaintenance(plan.protocolCopy.id) }
        do { try policy.validate() } catch { throw .policy(error) }
        plan.maintenancePolicy = policy
        var chart = chart
        chart.plan = plan
        return replanned(chart)
    }

    /// Sets the dose planned from now on for a phase (titration) and re-plans.
    /// - Throws: `PlanningError.dose` when the protocol does not allow the dose.
    public func setPlannedDose(_ mg: Double, for phase: PhaseKind, in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        guard var plan = chart.plan else { throw .noPlan }
        guard let rule = plan.protocolCopy.phase(phase)?.dose else {
            throw .invalidRecord("protocol \(plan.protocolCopy.id) has no \(phase) phase")
        }
        do { try DoseCalculator(settings: context.settings).check(doseMg: mg, rule: rule, for: chart.patient, on: context.today) } catch {
            throw .dose(error)
        }
        plan.doseOverridesMg[phase] = mg
        var chart = chart
        chart.plan = plan
        return replanned(chart)
    }

    /// Titration: plans `amount` from session `from` on (every later session, in every
    /// phase), checked against each phase's dose rule, and re-plans. The course's first
    /// dose stays the label's starting dose.
    /// - Throws: `PlanningError` when the session is not planned, is the course's first
    ///   dose under a starting-dose rule, or a phase from then on does not allow the dose.
    public func titrate(to amount: DoseStep.Amount, from id: SessionID, by: String, note: String = "", in chart: PatientChart) throws(PlanningError) -> ChartUpdate {
        var (chart, plan, index) = try editable(chart, id)
        let session = plan.sessions[index]
        guard session.status == .planned else {
            throw .invalidRecord("session \(index + 1) is already recorded as \(session.status): titrate from a planned session (the next one is \(plan.nextPlanned(onOrAfter: context.today).flatMap { plan.number(of: $0.id) }.map(String.init) ?? "none"))")
        }
        let calculator = DoseCalculator(settings: context.settings)
        // The course's first dose stays the protocol's starting dose, whatever the route
        // (re-planning never titrates it), so a step from it is refused rather than
        // reported and then not applied to it.
        let isFirst = !plan.sessions.contains { $0.status == .given } && plan.sessions.first { $0.status.isDose }?.id == id
        if isFirst, let phase = plan.protocolCopy.phase(session.phase) {
            let starting = (try? calculator.plannedDose(phase.dose, for: chart.patient, isFirstOfCourse: true, on: session.date)).map { " (\(formatNumber($0)) mg)" } ?? ""
            throw .invalidRecord("session \(index + 1) is the course's first dose: it stays the protocol's starting dose\(starting); titrate from session \(index + 2)")
        }
        let affected = plan.sessions.filter { $0.status == .planned && $0.date >= session.date }
        for kind in PhaseKind.allCases where affected.contains(where: { $0.phase == kind }) {
            guard let rule = plan.protocolCopy.phase(kind)?.dose else { continue }
            do { _ = try calculator.dose(amount, rule: rule, for: chart.patient, on: session.date) } catch {
                throw .invalidRecord("\(kind) phase: \(error.description)")
            }
        }
        plan.doseSteps.append(DoseStep(amount: amount, fromSession: id, fromDate: session.date, setOn: context.today, by: by, note: note))
        chart.plan = plan
        return replanned(chart)
    }

    /// Re-plans and wraps the result.
    public func replanned(_ chart: PatientChart) -> ChartUpdate {
        let result = replan(chart)
        var chart = chart
        chart.plan = result.plan
        return ChartUpdate(chart: chart, changes: result.changes)
    }

    private func editable(_ chart: PatientChart, _ id: SessionID) throws(PlanningError) -> (PatientChart, Plan, Int) {
        guard let plan = chart.plan else { throw .noPlan }
        guard plan.status == .active else { throw .planNotActive(plan.status) }
        guard let index = plan.sessions.firstIndex(where: { $0.id == id }) else { throw .unknownSession(id.description) }
        return (chart, plan, index)
    }

    /// The first day of a phase in this plan (weeks-long phases count from it; `PhaseStart`).
    func phaseStartDay(of kind: PhaseKind, in plan: Plan) -> CalendarDay {
        PhaseStart.days(in: plan)[kind] ?? plan.courseStart
    }
}
