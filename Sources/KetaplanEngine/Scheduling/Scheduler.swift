/// Lays out and re-plans a patient's sessions.
///
/// Every planned session that is not pinned by a clinician and not yet due is
/// re-derived from the protocol, the maintenance policy, the sessions already recorded
/// and the context, so re-planning is deterministic and idempotent. Recorded sessions
/// (given, missed, deferred, cancelled), pinned sessions and overdue planned sessions
/// never move.
public struct Scheduler: Sendable {
    public var context: SchedulingContext

    public init(context: SchedulingContext) { self.context = context }

    /// Longest search for a free day before the scheduler gives up (a warning says so).
    static let searchLimitDays = 366

    // MARK: - New plans

    /// Creates a plan for `chart`'s patient and lays out its sessions.
    /// - Parameters:
    ///   - maintenance: the maintenance policy; nil takes the protocol's default.
    /// - Throws: `PlanningError.contraindicated` for esketamine with an absolute
    ///   contraindication; `.suicideScreenNeedsReview` while a positive C-SSRS screen
    ///   is unreviewed; `.underAge` for a patient under 18 unless `overrides` holds an
    ///   `.underAge` override with a reason; `.policy` / `.protocolInvalid` for unusable inputs.
    public func makePlan(
        for chart: PatientChart, protocol proto: TreatmentProtocol, start: CalendarDay,
        maintenance: MaintenancePolicy? = nil, preferredWeekdays: [Weekday] = [], appointmentTime: TimeOfDay? = nil,
        overrides: [PlanOverride] = [], bookOverCapacity: Bool = false
    ) throws(PlanningError) -> Plan {
        do { try proto.validate() } catch { throw .protocolInvalid(error) }
        if proto.route.isEsketamine {
            let blocking = chart.patient.screening.present.filter(\.isEsketamineContraindication)
            if !blocking.isEmpty { throw .contraindicated(blocking) }
        }
        if let positive = CourseRules.unreviewedPositiveSuicideScreen(chart) {
            throw .suicideScreenNeedsReview(positive.date, positive.suicideRisk)
        }
        guard start >= chart.patient.dateOfBirth else {
            throw .invalidRecord("a plan cannot start on \(start), before the patient's date of birth (\(chart.patient.dateOfBirth)): check the start date and the date of birth")
        }
        let age = chart.patient.age(on: start)
        if age < HoldChecker.adultAge, !overrides.contains(where: { $0.code == .underAge && !$0.reason.trimmingWhitespace.isEmpty }) {
            throw .underAge(age, proto.route)
        }
        let policy = maintenance ?? proto.defaultMaintenance
        if let policy {
            guard proto.hasMaintenance else { throw .noMaintenance(proto.id) }
            do { try policy.validate() } catch { throw .policy(error) }
        }
        // Days that cannot hold a phase's sessions per week would stretch it silently.
        for phase in proto.phases {
            if let better = preferredDaysProblem(preferredWeekdays, phase: phase) {
                throw .preferredDaysTooFew(preferredWeekdays, phase: phase.kind, perWeek: phase.sessionsPerWeek,
                                           gap: phase.minimumGap(settings: context.settings), suggestion: better)
            }
        }
        var plan = Plan(protocolCopy: proto, startDate: start, maintenancePolicy: proto.hasMaintenance ? policy : nil,
                        preferredWeekdays: preferredWeekdays, appointmentTime: appointmentTime, overrides: overrides,
                        bookOverCapacity: bookOverCapacity)
        var draft = chart
        draft.plan = plan
        plan = replan(draft).plan
        // A file keeps days up to CalendarDay.latest: say so in the plan's words rather
        // than let the save refuse a session's date.
        if let beyond = plan.sessions.first(where: { $0.date > CalendarDay.latest }) {
            throw .invalidRecord("a plan starting on \(start) would run past \(CalendarDay.latest) (its session on \(beyond.date)), the last day ketaplan keeps: give an earlier start date")
        }
        return plan
    }

    // MARK: - Re-planning

    /// The result of a re-plan: the new plan and what changed.
    public struct Replan: Equatable, Sendable {
        public var plan: Plan
        public var changes: [PlanChange]
    }

    /// Re-derives the sessions not yet fixed. Returns the plan unchanged (and no changes)
    /// when there is no plan, the plan is not active, or a positive suicide screen awaits
    /// review (automatic scheduling stops; the warning says why).
    public func replan(_ chart: PatientChart) -> Replan {
        guard var plan = chart.plan else {
            return Replan(plan: Plan(protocolCopy: BuiltInProtocols.esketamineTRD, startDate: context.today, maintenancePolicy: nil), changes: [])
        }
        guard plan.status == .active, CourseRules.unreviewedPositiveSuicideScreen(chart) == nil else {
            return Replan(plan: plan, changes: [])
        }
        let today = context.today
        let isFixed: (Session) -> Bool = { $0.status != .planned || $0.pinned || $0.date < today }
        let fixed = plan.sessions.filter(isFixed)
        let free = plan.sessions.filter { !isFixed($0) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }

        var layout = Layout(context: context, plan: plan, fixed: fixed)
        layout.placeAll(chart: chart)

        // Give the new dates the ids of the old free sessions of the same phase, in
        // order, so that "session 5 moved" means the same appointment before and after.
        var changes: [PlanChange] = []
        var rebuilt: [Session] = fixed
        var unmatched = Dictionary(grouping: free, by: \.phase)
        for placement in layout.placed.sorted(by: { $0.date < $1.date }) {
            let phase = plan.protocolCopy.phases[placement.phaseIndex]
            var session = Session(id: SessionID(0), date: placement.date, time: plan.appointmentTime, chairMinutes: phase.chairMinutes,
                                  phase: phase.kind, plannedDoseMg: nil, reason: placement.reason, overCapacity: placement.overCapacity)
            if let old = unmatched[phase.kind]?.first {
                unmatched[phase.kind]?.removeFirst()
                session.id = old.id
                session.time = old.time ?? plan.appointmentTime
                if old.date != placement.date { changes.append(.moved(old.id, from: old.date, to: placement.date)) }
            } else {
                session.id = SessionID(plan.nextSessionID)
                plan.nextSessionID += 1
                changes.append(.added(session.id, on: placement.date))
            }
            rebuilt.append(session)
        }
        for old in unmatched.values.joined().sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            changes.append(.removed(old.id, was: old.date))
        }
        rebuilt.sort { ($0.date, $0.id) < ($1.date, $1.id) }

        // Planned doses: worked out once every date is known, because the course's
        // first dose depends on which session comes first.
        let calculator = DoseCalculator(settings: context.settings)
        let firstDoseID = rebuilt.first { $0.status.isDose }?.id
        // Pinned sessions from today on follow titration too; past ones keep their dose.
        let dosed = Set(rebuilt.filter { !isFixed($0) || ($0.status == .planned && $0.date >= today) }.map(\.id))
        let oldDoses = Dictionary(uniqueKeysWithValues: plan.sessions.map { ($0.id, $0.plannedDoseMg) })
        for index in rebuilt.indices where dosed.contains(rebuilt[index].id) {
            let session = rebuilt[index]
            guard let phase = plan.protocolCopy.phase(session.phase) else { continue }
            let isFirst = session.id == firstDoseID && !rebuilt.contains { $0.status == .given }
            var dose: Double?
            if !isFirst, let step = plan.doseStep(on: session.date) {
                dose = try? calculator.dose(step.amount, rule: phase.dose, for: chart.patient, on: session.date)
            } else if !isFirst, let override = plan.doseOverridesMg[session.phase] {
                dose = override
            } else {
                dose = try? calculator.plannedDose(phase.dose, for: chart.patient, isFirstOfCourse: isFirst, on: session.date)
            }
            rebuilt[index].plannedDoseMg = dose
            if let old = oldDoses[session.id], old != dose {
                changes.append(.doseChanged(session.id, from: old, to: dose))
            }
        }
        plan.sessions = rebuilt
        return Replan(plan: plan, changes: changes)
    }
}
