/// Derives every warning a chart carries on a given day. Pure: it reads the chart and
/// the context and changes nothing (the program plans and warns; a clinician decides).
public struct SafetyChecker: Sendable {
    public var context: SchedulingContext

    public init(context: SchedulingContext) { self.context = context }

    var settings: ClinicSettings { context.settings }
    var today: CalendarDay { context.today }

    /// Limits above which pre-dose blood pressure needs review before dosing.
    public static let esketamineBPLimit = (systolic: 140, diastolic: 90)
    public static let anyRouteBPLimit = (systolic: 180, diastolic: 100)
    /// REMS: minimum observation after esketamine, and days allowed for the monitoring form.
    public static let remsMinimumMonitoringMinutes = 120
    public static let remsFormDays = 7

    /// All warnings, most severe first, then by date.
    public func warnings(for chart: PatientChart) -> [PlanWarning] {
        var found: [PlanWarning] = []
        found += screening(chart)
        found += measures(chart)
        if let plan = chart.plan {
            found += sessions(chart, plan)
            found += course(chart, plan)
        }
        return found.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let da = a.element.date ?? today, db = b.element.date ?? today
            return (da, a.offset) < (db, b.offset)
        }.map(\.element)
    }

    /// The limit above which a pre-dose reading needs review for `route`.
    public static func preDoseLimit(for route: Route) -> (systolic: Int, diastolic: Int) {
        route.isEsketamine ? esketamineBPLimit : anyRouteBPLimit
    }

    /// The check made when a pre-dose blood pressure is entered: nil when it is fine.
    public func bloodPressureBeforeDosing(_ bp: BloodPressure, route: Route, session: SessionID? = nil, date: CalendarDay? = nil) -> PlanWarning? {
        let any = Self.anyRouteBPLimit
        if bp.isAbove(systolic: any.systolic, diastolic: any.diastolic) {
            return PlanWarning(.bloodPressureReview, .critical,
                               "pre-dose BP \(bp) is above \(any.systolic)/\(any.diastolic): review before dosing", session: session, date: date)
        }
        let esk = Self.esketamineBPLimit
        if route.isEsketamine, bp.isAbove(systolic: esk.systolic, diastolic: esk.diastolic) {
            return PlanWarning(.bloodPressureReview, .critical,
                               "pre-dose BP \(bp) is above \(esk.systolic)/\(esk.diastolic) (esketamine): weigh the risk and review before dosing", session: session, date: date)
        }
        return nil
    }

    /// The checks on the readings after a dose, in one place: the record form shows them
    /// as they are typed and the chart's warnings after saving use the same words.
    /// - Any post-dose reading at or above the clinic's hypertensive-urgency threshold
    ///   (default 180/110) is critical.
    /// - A discharge reading not lower than the 40-minute one (neither value fell), or
    ///   still above the route's pre-dose limit, is critical: not ready for discharge.
    /// - A systolic rise from pre-dose of at least the clinic's setting (default 40) is a
    ///   caution.
    /// - Esketamine with no 40-minute reading leaves the REMS monitoring form incomplete.
    public func bloodPressureAfterDosing(_ record: SessionRecord, route: Route, session: SessionID? = nil, date: CalendarDay? = nil) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let urgentS = settings.hypertensiveUrgencySystolic, urgentD = settings.hypertensiveUrgencyDiastolic
        let readings: [(String, BloodPressure?)] = [("40-minute", record.bpAt40Minutes), ("discharge", record.bpAtDischarge)]
        for (name, reading) in readings {
            guard let bp = reading, bp.systolic >= urgentS || bp.diastolic >= urgentD else { continue }
            out.append(PlanWarning(.hypertensiveUrgency, .critical,
                                   "\(name) BP \(bp) is at or above \(urgentS)/\(urgentD) (hypertensive urgency): assess now; chest pain, breathlessness, sudden severe headache, visual change or confusion need emergency care",
                                   session: session, date: date))
        }
        if let discharge = record.bpAtDischarge {
            let limit = Self.preDoseLimit(for: route)
            var why: [String] = []
            if let at40 = record.bpAt40Minutes, discharge.systolic >= at40.systolic, discharge.diastolic >= at40.diastolic {
                why.append("not lower than the 40-minute reading \(at40)")
            }
            if discharge.isAbove(systolic: limit.systolic, diastolic: limit.diastolic) {
                why.append("still above \(limit.systolic)/\(limit.diastolic)")
            }
            if !why.isEmpty {
                out.append(PlanWarning(.notReadyForDischarge, .critical,
                                       "discharge BP \(discharge) is \(why.joined(separator: " and ")): not ready for discharge: keep monitoring",
                                       session: session, date: date))
            }
        }
        if let before = record.bpBefore {
            let highest = [record.bpAt40Minutes, record.bpAtDischarge].compactMap { $0 }.max { $0.systolic < $1.systolic }
            if let highest, highest.systolic - before.systolic >= settings.systolicRiseCaution {
                out.append(PlanWarning(.bloodPressureRise, .caution,
                                       "systolic rose \(highest.systolic - before.systolic) mmHg from the pre-dose \(before) to \(highest) (clinic caution at \(settings.systolicRiseCaution)): recheck until it settles",
                                       session: session, date: date))
            }
        }
        if route.isEsketamine, record.bpAt40Minutes == nil {
            out.append(PlanWarning(.remsFormIncomplete, .caution,
                                   "no 40-minute blood pressure: the REMS monitoring form is incomplete (pre-dose, about 40 minutes, discharge)",
                                   session: session, date: date))
        }
        return out
    }

    // MARK: Screening

    func screening(_ chart: PatientChart) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let s = chart.patient.screening
        if !s.isComplete {
            out.append(PlanWarning(.screeningIncomplete, .caution,
                                   "screening incomplete: \(s.unanswered.count) of \(ScreeningItem.allCases.count) items unanswered (\(s.unanswered.prefix(3).map(\.question).joined(separator: "; "))\(s.unanswered.count > 3 ? "; ..." : ""))"))
        }
        let route = chart.plan?.protocolCopy.route
        for item in s.present {
            if let route, HoldChecker.isAbsolute(item, for: route) {
                out.append(PlanWarning(.absoluteContraindication, .critical,
                                       "absolute contraindication to \(route.isEsketamine ? "esketamine" : "ketamine"): \(item.question). Do not dose; choose another treatment."))
            } else if !s.isAcknowledged(item) {
                let severity: PlanWarning.Severity = item.weight == .absolute ? .critical : .caution
                out.append(PlanWarning(item.weight == .absolute ? .absoluteContraindication : .relativeContraindication, severity,
                                       "\(item.question): a clinician must weigh this and acknowledge it before the first session"))
            }
        }
        return out
    }

    // MARK: Scores

    func measures(_ chart: PatientChart) -> [PlanWarning] {
        var out: [PlanWarning] = []
        if let positive = CourseRules.unreviewedPositiveSuicideScreen(chart) {
            out.append(PlanWarning(.suicideScreenPositive, .critical,
                                   "positive C-SSRS screen on \(positive.date) (\(positive.suicideRisk.name)): clinician review needed now; dosing is on hold and automatic scheduling is paused until it is recorded",
                                   date: positive.date))
        } else if let latest = chart.assessments.last(where: { $0.instrument == .cssrs }) {
            if latest.suicideRisk == .low {
                out.append(PlanWarning(.suicideScreenLowRisk, .caution,
                                       "C-SSRS on \(latest.date) shows ideation (low risk): monitor at every session", date: latest.date))
            }
        }
        let ymrsScores = chart.assessments.filter { $0.instrument == .ymrs }
        if let ymrs = ymrsScores.last, ymrs.score >= settings.ymrsAlertThreshold {
            out.append(PlanWarning(.maniaAlert, .critical,
                                   "YMRS \(ymrs.score) on \(ymrs.date) is at or above \(settings.ymrsAlertThreshold): assess for a manic switch before dosing", date: ymrs.date))
        } else if let first = ymrsScores.first, let ymrs = ymrsScores.last, ymrs.score - first.score >= settings.ymrsRiseCaution {
            out.append(PlanWarning(.maniaRise, .caution,
                                   "YMRS rose from \(first.score) (\(first.date)) to \(ymrs.score) (\(ymrs.date)), at least \(settings.ymrsRiseCaution) points: watch for a manic switch",
                                   date: ymrs.date))
        }
        let course = ResponseCourse(chart: chart, settings: settings, asOf: today)
        let given = chart.plan?.sessions.filter { $0.status == .given } ?? []
        if let relapse = course.currentRelapse, given.contains(where: { relapse.assessment.isAfterDose(on: $0.date) }) {
            let r = relapse
            out.append(PlanWarning(.relapse, .caution,
                                   "\(r.label) shows relapse (baseline \(r.baseline.score)\(r.responding ? ", out of remission" : ", response lost")): consider a booster or a shorter interval",
                                   date: r.assessment.date))
        } else if !given.isEmpty, course.firstResponse == nil, let latest = course.readings.last,
                  given.contains(where: { latest.assessment.isAfterDose(on: $0.date) }) {
            let scales = chart.patient.trackedInstruments.filter { i in course.readings.contains { $0.assessment.instrument == i } }
            out.append(PlanWarning(.noResponseYet, .info,
                                   "no response yet on \(scales.map(\.name).joined(separator: ", ")) (latest \(latest.label), baseline \(latest.baseline.score)): response is a drop of at least half",
                                   date: latest.assessment.date))
        }
        return out
    }

    // MARK: Sessions

    func sessions(_ chart: PatientChart, _ plan: Plan) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let route = plan.protocolCopy.route
        let calculator = DoseCalculator(settings: settings)
        if route.isEsketamine && !settings.remsCertified {
            out.append(PlanWarning(.remsSiteNotCertified, .critical, "this site is not recorded as REMS-certified: esketamine may only be given at a certified site"))
        }
        for session in plan.sessions {
            let number = plan.number(of: session.id) ?? 0
            guard let phase = plan.protocolCopy.phase(session.phase) else { continue }
            switch session.status {
            case .planned:
                // A move the clinician confirmed despite a rule stays visible until the
                // session is recorded: it names the day and every rule it breaks.
                if session.date >= today, session.movedDespiteRules || context.calendar.closure(on: session.date) != nil {
                    let what = session.movedDespiteRules
                        ? "was moved there despite: " + (session.reason.components(after: Session.despiteMarker) ?? "")
                        : "is on a day the clinic is closed"
                    out.append(PlanWarning(.movedDespiteRules, .caution,
                                           "session \(number) on \(session.date.shortLabel) \(what); confirm the day with the clinic or move it",
                                           session: session.id, date: session.date))
                }
                if session.date < today {
                    out.append(PlanWarning(.overdueRecord, .caution,
                                           "session \(number) on \(session.date) is past and not recorded: record it as given, missed, deferred or cancelled",
                                           session: session.id, date: session.date))
                }
                if let dose = session.plannedDoseMg {
                    // A past session keeps the dose planned on the weight of its day.
                    do { try calculator.checkOnItsDay(doseMg: dose, rule: phase.dose, for: chart.patient, on: session.date) } catch {
                        out.append(PlanWarning(.doseNotAllowed, .critical, "session \(number) planned dose: \(error.description)", session: session.id, date: session.date))
                    }
                } else {
                    let why: String
                    do { _ = try calculator.plannedDose(phase.dose, for: chart.patient, isFirstOfCourse: false, on: session.date); why = "no dose set" } catch { why = error.description }
                    out.append(PlanWarning(.doseNotComputed, .caution, "session \(number) on \(session.date) has no planned dose: \(why)", session: session.id, date: session.date))
                }
            case .given:
                let record = session.record ?? SessionRecord()
                if let dose = record.doseGivenMg {
                    do { try calculator.checkOnItsDay(doseMg: dose, rule: phase.dose, for: chart.patient, on: session.date) } catch {
                        out.append(PlanWarning(.doseNotAllowed, .critical, "session \(number) on \(session.date) dose given: \(error.description)", session: session.id, date: session.date))
                    }
                }
                // Dosed above the limit with no override on record (older charts): ask for the review.
                if let bp = record.bpBefore, bloodPressureBeforeDosing(bp, route: route) != nil,
                   !plan.overrides.contains(where: { $0.session == session.id && $0.code == .preDoseBloodPressure }) {
                    out.append(PlanWarning(.bloodPressureReview, .caution,
                                           "session \(number) on \(session.date): dosed with pre-dose BP \(bp) above the limit; check the review is documented",
                                           session: session.id, date: session.date))
                }
                for w in bloodPressureAfterDosing(record, route: route, session: session.id, date: session.date) {
                    out.append(PlanWarning(w.code, w.severity, "session \(number) on \(session.date): \(w.message)", session: session.id, date: session.date))
                }
                if route.isEsketamine {
                    out += rems(session, number: number, record: record)
                }
                if let why = record.startingDoseOverride {
                    out.append(PlanWarning(.startingDoseOverridden, .info,
                                           "session \(number) on \(session.date): first dose \(record.doseGivenMg.map(formatNumber) ?? "?") mg instead of the label's starting dose, by the clinician's decision: \(why)",
                                           session: session.id, date: session.date))
                }
            case .missed, .deferred, .cancelled:
                break
            }
        }
        // A held session is not the next session: the patient is not to come in for it.
        let held = HoldChecker(context: context).heldSessions(in: chart)
        if let next = plan.sessions.first(where: { $0.status == .planned && $0.date >= today && held[$0.id] == nil }) {
            let rule = route.isEsketamine ? "no driving or operating machinery until the next day after restful sleep" : "no driving for 24 hours; an escort home is needed"
            out.append(PlanWarning(.noDriving, .info, "next session \(next.date): \(rule)", session: next.id, date: next.date))
        }
        return out
    }

    func rems(_ session: Session, number: Int, record: SessionRecord) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let minutes = record.minutesMonitored
        if minutes == nil || minutes! < Self.remsMinimumMonitoringMinutes {
            out.append(PlanWarning(.remsMonitoringTooShort, .caution,
                                   "session \(number) on \(session.date): monitored \(minutes.map { "\($0) min" } ?? "time not recorded"); REMS requires at least \(Self.remsMinimumMonitoringMinutes) minutes",
                                   session: session.id, date: session.date))
        }
        if record.monitoringFormSubmittedOn == nil {
            let due = session.date.adding(days: Self.remsFormDays)
            if today > due {
                out.append(PlanWarning(.remsFormOverdue, .critical, "session \(number): REMS monitoring form overdue (was due \(due))", session: session.id, date: due))
            } else {
                out.append(PlanWarning(.remsFormDue, .caution, "session \(number): REMS monitoring form due by \(due)", session: session.id, date: due))
            }
        }
        return out
    }

    // MARK: Course

    func course(_ chart: PatientChart, _ plan: Plan) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let proto = plan.protocolCopy
        let instrument = chart.patient.primaryInstrument
        let given = plan.sessions.filter { $0.status == .given }

        if chart.patient.conditions.contains(.bipolarDepression),
           !chart.patient.hasMoodStabiliser,
           chart.latestReview(.noMoodStabiliser) == nil {
            out.append(PlanWarning(.bipolarWithoutMoodStabiliser, .caution,
                                   "bipolar depression with no mood stabiliser on record: ketamine is given on top of a mood stabiliser (lithium or valproate); record it or the clinician's decision"))
        }

        for point in proto.reviewPoints {
            switch point {
            case .futilityAfterSessions(let n):
                guard n >= 1, given.count >= n, plan.sessions.contains(where: { $0.status == .planned }) else { break }
                let nth = given[n - 1].date
                // A response on any tracked scale counts (PHQ-9, QIDS-SR16 or MADRS for
                // depression, PCL-5 beside them for PTSD).
                let course = ResponseCourse(chart: chart, settings: settings, asOf: today)
                let responded = course.firstResponse != nil
                let tracked = chart.patient.trackedInstruments
                let withScores = tracked.filter { i in course.readings.contains { $0.assessment.instrument == i } }
                let scored = withScores.isEmpty ? [chart.patient.primaryInstrument] : withScores
                if !responded, (chart.latestReview(.futility)?.on ?? CalendarDay(daysSinceEpoch: Int.min / 2)) < nth {
                    out.append(PlanWarning(.futilityReview, .caution,
                                           "no response on \(scored.map(\.name).joined(separator: ", ")) after \(given.count) sessions: few respond later if none did by session \(n); review before giving more",
                                           date: nth))
                }
            case .assessBeforeMaintenance:
                // Esketamine: the induction-review hold says it (HoldChecker).
                if CourseRules.inductionReviewPoint(plan) != nil { break }
                guard let firstMaintenance = plan.sessions.first(where: { $0.phase == .maintenance && $0.status == .planned }) else { break }
                let lastInduction = plan.sessions.filter { $0.phase != .maintenance && $0.status.isDose }.map(\.date).max() ?? plan.startDate
                let assessed = chart.assessments.contains { $0.instrument == instrument && $0.date >= lastInduction }
                let reviewed = (chart.latestReview(.endOfInduction)?.on).map { $0 >= lastInduction } ?? false
                if !assessed && !reviewed {
                    out.append(PlanWarning(.assessmentBeforeMaintenance, .caution,
                                           "assess response (\(instrument.name)) at the end of induction, on or after \(lastInduction), before the first maintenance session on \(firstMaintenance.date)",
                                           session: firstMaintenance.id, date: lastInduction))
                }
            case .stopAfterLastPhase:
                if let last = plan.sessions.last(where: { $0.status.isDose }) {
                    out.append(PlanWarning(.courseEndsForReview, .info,
                                           "the course ends with session \(plan.number(of: last.id) ?? 0) on \(last.date): no automatic continuation; a clinician decides what follows"))
                }
            case .maximumWeeks(let weeks):
                let limit = plan.courseStart.adding(days: 7 * weeks)
                if let beyond = plan.sessions.first(where: { $0.status.isDose && $0.date >= limit }),
                   chart.latestReview(.beyondEvaluatedDuration) == nil {
                    out.append(PlanWarning(.beyondEvaluatedDuration, .critical,
                                           "session on \(beyond.date) is beyond \(weeks) weeks: this use has not been evaluated; stop and review",
                                           session: beyond.id, date: beyond.date))
                }
            }
        }

        // On demand: a scoring visit is due when no tracked score or dose for an interval.
        if let anchor = ScoringVisits.anchor(for: chart), anchor.adding(days: settings.onDemandScoringIntervalDays) <= today {
            let due = anchor.adding(days: settings.onDemandScoringIntervalDays)
            out.append(PlanWarning(.scoringVisitDue, .caution,
                                   "on-demand maintenance: a scoring visit was due on \(due) (every \(settings.onDemandScoringIntervalDays) days; nothing since \(anchor)): score \(chart.patient.primaryInstrument.name) so a relapse is found",
                                   date: due))
        }

        // Phases that closures or full chairs stretch past the protocol's window, while
        // they still have sessions to come.
        for stretch in Scheduler(context: context).stretchedPhases(plan)
        where plan.status == .active && plan.sessions.contains(where: { $0.phase == stretch.phase && $0.status == .planned }) {
            // Booking over capacity is a choice made with a new plan; once a dose is recorded
            // the clinician moves sessions instead.
            let recorded = plan.sessions.contains { $0.status != .planned }
            out.append(PlanWarning(.inductionStretched, .caution,
                                   stretch.message + (recorded
                                    ? ". All \(stretch.target) sessions are kept; review the dates, and move a session (`m` on the patient's screen) if an earlier day can take it"
                                    : ". Accept it, or book the induction over capacity (`plan new --over-capacity`, or the new-plan form)")))
        }

        // Phases that could not be filled (closures, full chairs, preferred days).
        var phaseStart = plan.courseStart
        for phase in proto.phases {
            let sessions = plan.sessions.filter { $0.phase == phase.kind && $0.status.consumesPhaseSlot }
            switch phase.length {
            case .weeks(let w):
                let target = w * phase.sessionsPerWeek
                let end = phaseStart.adding(days: 7 * w)
                if sessions.count < target, plan.status == .active, end > today {
                    out.append(PlanWarning(.phaseIncomplete, .caution,
                                           "\(phase.kind) (\(phaseStart) to \(end.adding(days: -1))) has \(sessions.count) of \(target) sessions: a missed session could not be made up inside its week, or closures, full chairs or the patient's days left no room"))
                }
            case .sessions(let n):
                if sessions.count < n, plan.status == .active {
                    out.append(PlanWarning(.phaseIncomplete, .caution,
                                           "\(phase.kind) has \(sessions.count) of \(n) sessions planned: no free day was found within a year; check the calendar"))
                }
            case .openEnded:
                if let allowed = phase.allowedIntervalsDays, let policy = plan.maintenancePolicy {
                    out += labelIntervals(plan, allowed: allowed, policy: policy)
                }
            }
            let mine = plan.sessions.filter { $0.phase == phase.kind }.map { (date: $0.date, status: $0.status) }
            if let next = PhaseStart.next(after: phase, startedOn: phaseStart, sessions: mine) { phaseStart = next }
        }
        return out
    }

    /// Esketamine from week 9: weekly or every 2 weeks. An explicit `fixed:N` outside
    /// them is off-label (the clinician chose it); any other planned maintenance interval
    /// outside them (closures or full chairs moved a session) is named.
    func labelIntervals(_ plan: Plan, allowed: [Int], policy: MaintenancePolicy) -> [PlanWarning] {
        let allowedText = allowed.sorted().map(String.init).joined(separator: " or ")
        if case .fixedInterval(let d) = policy, !allowed.contains(d) {
            return [PlanWarning(.intervalOutsideLabel, .caution,
                                "maintenance every \(d) days is off-label (fixed:\(d), the clinician's choice): the label allows \(allowedText) days from week 9")]
        }
        let doses = plan.sessions.filter { $0.status.isDose }
        var odd: [String] = []
        for (a, b) in zip(doses, doses.dropFirst()) where b.phase == .maintenance && b.status == .planned && b.date >= today {
            let gap = a.date.days(to: b.date)
            if !allowed.contains(gap) { odd.append("\(b.date) (\(gap) days after \(a.date))") }
        }
        guard !odd.isEmpty else { return [] }
        return [PlanWarning(.intervalOutsideLabel, .caution,
                            "maintenance outside the label's \(allowedText) days: " + odd.prefix(3).joined(separator: ", ") + (odd.count > 3 ? " and \(odd.count - 3) more" : "") + "; move it or record why")]
    }
}

extension String {
    /// The text after the first `marker`, or nil when `marker` is absent.
    func components(after marker: String) -> String? {
        guard let range = firstRange(of: marker) else { return nil }
        return String(self[range.upperBound...])
    }
}
