import KetaplanEngine

/// What the clinic overview needs about a patient, kept in the summary index so that a
/// clinic of thousands opens without decoding every chart. Facts that depend on "today"
/// (overdue, due this week, REMS form due) are kept as dates and judged when read; the
/// rest (phase, warnings, holds) are judged for the day in `asOf`, and a summary judged
/// for another day is rebuilt from its chart before it is shown, so a hold that begins
/// because a day passed (the esketamine induction review, say) is never hidden.
///
/// Every field is a domain type; text appears only where `index.tsv` is read and written
/// (`SummaryIndex`).
public struct PatientSummary: Equatable, Sendable, Codable {
    public var id: PatientID
    public var name: String
    public var dateOfBirth: CalendarDay
    public var protocolID: ProtocolID?
    public var planStatus: PlanStatus?
    /// The plan's usual appointment time.
    public var time: TimeOfDay?
    /// The phase of the last session on or before the day of the save.
    public var phase: PhaseKind?
    /// Sessions still planned, in order.
    public var planned: [CalendarDay]
    /// Sessions given, in order; with `planned`, the agenda's bookings.
    public var given: [CalendarDay]
    /// Days REMS monitoring forms are due for given esketamine sessions without one.
    public var formsDue: [CalendarDay]
    public var screeningComplete: Bool
    /// Warnings waiting (critical and caution) as of the last save.
    public var warningCodes: [WarningCode]
    public var criticalWarnings: Int
    /// Holds standing as of the last save.
    public var holdCodes: [HoldCode]
    /// Planned sessions on hold, in order.
    public var held: [CalendarDay]
    /// Planned sessions booked over capacity.
    public var overCapacity: [CalendarDay]
    /// On-demand scoring visits (no dose) ahead.
    public var scoringVisits: [CalendarDay]
    /// The day phase, warnings and holds were judged for.
    public var asOf: CalendarDay
    /// Sessions recorded as missed, deferred or cancelled, in order: the agenda lists every
    /// session of a day with its status, not only those that take a chair.
    public var missed: [CalendarDay]
    public var deferred: [CalendarDay]
    public var cancelled: [CalendarDay]

    package init(id: PatientID, name: String, dateOfBirth: CalendarDay, protocolID: ProtocolID?, planStatus: PlanStatus?, time: TimeOfDay?, phase: PhaseKind?,
         planned: [CalendarDay], given: [CalendarDay], formsDue: [CalendarDay], screeningComplete: Bool, warningCodes: [WarningCode], criticalWarnings: Int,
         holdCodes: [HoldCode] = [], held: [CalendarDay] = [], overCapacity: [CalendarDay] = [], scoringVisits: [CalendarDay] = [], asOf: CalendarDay,
         missed: [CalendarDay] = [], deferred: [CalendarDay] = [], cancelled: [CalendarDay] = []) {
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.protocolID = protocolID
        self.planStatus = planStatus
        self.time = time
        self.phase = phase
        self.planned = planned
        self.given = given
        self.formsDue = formsDue
        self.screeningComplete = screeningComplete
        self.warningCodes = warningCodes
        self.criticalWarnings = criticalWarnings
        self.holdCodes = holdCodes
        self.held = held
        self.overCapacity = overCapacity
        self.scoringVisits = scoringVisits
        self.asOf = asOf
        self.missed = missed
        self.deferred = deferred
        self.cancelled = cancelled
    }

    /// Summarises a chart as of `day`, on the clinic's own calendar (on-demand scoring
    /// visits and the checks move off its closed days).
    public init(chart: PatientChart, day: CalendarDay, settings: ClinicSettings, calendar: ClinicCalendar) {
        id = chart.patient.id
        name = chart.patient.name
        dateOfBirth = chart.patient.dateOfBirth
        protocolID = chart.plan?.protocolCopy.id
        planStatus = chart.plan?.status
        time = chart.plan?.appointmentTime
        phase = chart.plan?.currentPhase(on: day)
        let sessions = chart.plan?.sessions ?? []
        planned = sessions.filter { $0.status == .planned }.map(\.date)
        given = sessions.filter { $0.status == .given }.map(\.date)
        missed = sessions.filter { $0.status == .missed }.map(\.date)
        deferred = sessions.filter { $0.status == .deferred }.map(\.date)
        cancelled = sessions.filter { $0.status == .cancelled }.map(\.date)
        let esketamine = chart.plan?.protocolCopy.route.isEsketamine ?? false
        formsDue = esketamine ? sessions.filter { $0.status == .given && $0.record?.monitoringFormSubmittedOn == nil }
            .map { $0.date.adding(days: SafetyChecker.remsFormDays) } : []
        screeningComplete = chart.patient.screening.isComplete
        let context = SchedulingContext(today: day, calendar: calendar, settings: settings)
        let warnings = SafetyChecker(context: context).warnings(for: chart).filter { $0.severity != .info }
        warningCodes = warnings.map(\.code)
        criticalWarnings = warnings.filter { $0.severity == .critical }.count
        let holds = HoldChecker(context: context)
        holdCodes = holds.holds(for: chart).map(\.code)
        let heldIDs = holds.heldSessions(in: chart)
        held = sessions.filter { heldIDs[$0.id] != nil }.map(\.date)
        overCapacity = sessions.filter { $0.status == .planned && $0.overCapacity }.map(\.date)
        scoringVisits = ScoringVisits.days(for: chart, calendar: calendar, settings: settings, today: day,
                                           through: day.adding(days: SchedulingContext.defaultHorizonDays))
        asOf = day
    }

    /// How the judgement of a chart for the day after `asOf` compares with its judgement for
    /// `asOf` (issue 13's midnight): a summary whose next day is `.same` is carried over
    /// midnight as it is, with only `asOf` moved (`carried(to:)`), without reading its file.
    public enum NextDay: UInt8, Sendable {
        /// Not judged (a line carried over midnight, or one written without the second
        /// judgement): its file is read at the next midnight.
        case unknown
        /// Every field judged for the next day equals this one's, `asOf` aside.
        case same
        /// Some judged field (phase, warnings, holds, held or scoring days) differs.
        case differs
    }

    /// The chart summarised for `day` (as `init(chart:day:settings:calendar:)`), and
    /// whether its summary for the next day is the same: the chart judged twice, so that
    /// midnight reads only the files whose judgement changes. Exact, not an estimate: a
    /// `.same` summary carried to the next day equals the chart summarised for it.
    public static func judged(chart: PatientChart, day: CalendarDay, settings: ClinicSettings, calendar: ClinicCalendar)
        -> (summary: PatientSummary, nextDay: NextDay) {
        let summary = PatientSummary(chart: chart, day: day, settings: settings, calendar: calendar)
        let next = PatientSummary(chart: chart, day: day.adding(days: 1), settings: settings, calendar: calendar)
        return (summary, summary.carried(to: next.asOf) == next ? .same : .differs)
    }

    /// This summary judged for `day` instead of `asOf`, everything else as it is: what
    /// midnight shows for a patient whose next-day judgement was `.same`.
    public func carried(to day: CalendarDay) -> PatientSummary {
        var out = self
        out.asOf = day
        return out
    }

    /// Whether a hold stands on this patient.
    public var isHeld: Bool { !holdCodes.isEmpty }

    /// Plan statuses whose patients are archived: finished with, listed apart (`patients
    /// --archived`, the overview's archived list).
    public static let archivedStatuses: Set<PlanStatus> = [.completed, .discontinued]

    /// Whether the patient is archived: the plan was completed or discontinued.
    public var isArchived: Bool { planStatus.map(Self.archivedStatuses.contains) ?? false }

    /// Whether the plan is active (its planned sessions take chairs).
    public var isActive: Bool { planStatus == .active }

    /// The first planned session on or after `day` that no hold stops (a held session
    /// is not the patient's next session).
    public func nextSession(onOrAfter day: CalendarDay) -> CalendarDay? {
        planned.first { $0 >= day && !held.contains($0) }
    }

    /// Whether the next session (not held) falls within seven days of `day`: the
    /// overview's "due in 7 days" count.
    public func isDueWithinWeek(of day: CalendarDay) -> Bool {
        nextSession(onOrAfter: day).map { $0 <= day.adding(days: 7) } ?? false
    }

    /// Where the overview lists the patient in its default order on `day` (by next
    /// session): patients needing attention (a hold or a critical warning) first; within
    /// each, overdue patients by their first overdue day, then by next session, patients
    /// with none last; then by id. `index.tsv` keeps its lines in this order.
    public func nextSessionOrder(on day: CalendarDay) -> (Int, Int, Int, PatientID) {
        // Needs attention first (a hold or a critical warning), booked or not: a critical
        // patient with no session must not sink to the bottom.
        let attention = isHeld || criticalWarnings > 0 ? 0 : 1
        if let first = planned.first, first < day { return (attention, 0, first.daysSinceEpoch, id) }
        if let next = nextSession(onOrAfter: day) { return (attention, 1, next.daysSinceEpoch, id) }
        return (attention, 2, 0, id)
    }

    /// Planned sessions before `day` that were never recorded.
    public func overdue(before day: CalendarDay) -> Int {
        planned.prefix { $0 < day }.count
    }
}
