import KetaplanEngine

/// What the clinic overview needs about a patient, kept in the summary index so that a
/// clinic of thousands opens without decoding every chart. Facts that depend on "today"
/// (overdue, due this week, REMS form due) are kept as dates and judged when read; the
/// rest (phase, warnings, holds) are judged for the day in `asOf`, and a summary judged
/// for another day is rebuilt from its chart before it is shown, so a hold that begins
/// because a day passed (the esketamine induction review, say) is never hidden.
public struct PatientSummary: Equatable, Sendable, Codable {
    public var id: String
    public var name: String
    public var dateOfBirth: String
    public var protocolID: String?
    public var planStatus: String?
    /// The plan's usual appointment time (HH:MM).
    public var time: String?
    /// The phase of the last session on or before the day of the save.
    public var phase: String?
    /// Dates of sessions still planned (ISO), in order.
    public var planned: [String]
    /// Dates of sessions given (ISO), in order; with `planned`, the agenda's bookings.
    public var given: [String]
    /// Dates REMS monitoring forms are due for given esketamine sessions without one.
    public var formsDue: [String]
    public var screeningComplete: Bool
    /// Warnings waiting (critical and caution) as of the last save, by code.
    public var warningCodes: [String]
    public var criticalWarnings: Int
    /// Holds standing as of the last save, by code (`HoldCode`).
    public var holdCodes: [String]
    /// Dates of planned sessions on hold (ISO), in order.
    public var held: [String]
    /// Dates of planned sessions booked over capacity (ISO); nil in older index files.
    public var overCapacity: [String]?
    /// On-demand scoring visits (no dose) ahead (ISO); nil in older index files.
    public var scoringVisits: [String]?
    /// The day (ISO) phase, warnings and holds were judged for.
    public var asOf: String

    init(id: String, name: String, dateOfBirth: String, protocolID: String?, planStatus: String?, time: String?, phase: String?, planned: [String], given: [String],
         formsDue: [String], screeningComplete: Bool, warningCodes: [String], criticalWarnings: Int, holdCodes: [String] = [], held: [String] = [],
         overCapacity: [String]? = nil, scoringVisits: [String]? = nil, asOf: String) {
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
    }

    /// Summarises a chart as of `day`, on the clinic's own calendar (on-demand scoring
    /// visits and the checks move off its closed days).
    public init(chart: PatientChart, day: CalendarDay, settings: ClinicSettings, calendar: ClinicCalendar) {
        id = chart.patient.id.rawValue
        name = chart.patient.name
        dateOfBirth = chart.patient.dateOfBirth.iso
        protocolID = chart.plan?.protocolCopy.id.rawValue
        planStatus = chart.plan?.status.rawValue
        time = chart.plan?.appointmentTime?.description
        phase = chart.plan?.currentPhase(on: day).rawValue
        planned = (chart.plan?.sessions ?? []).filter { $0.status == .planned }.map(\.date.iso)
        given = (chart.plan?.sessions ?? []).filter { $0.status == .given }.map(\.date.iso)
        let esketamine = chart.plan?.protocolCopy.route.isEsketamine ?? false
        formsDue = esketamine ? (chart.plan?.sessions ?? []).filter { $0.status == .given && $0.record?.monitoringFormSubmittedOn == nil }
            .map { $0.date.adding(days: SafetyChecker.remsFormDays).iso } : []
        screeningComplete = chart.patient.screening.isComplete
        let context = SchedulingContext(today: day, calendar: calendar, settings: settings)
        let warnings = SafetyChecker(context: context).warnings(for: chart).filter { $0.severity != .info }
        warningCodes = warnings.map(\.code.rawValue)
        criticalWarnings = warnings.filter { $0.severity == .critical }.count
        let holds = HoldChecker(context: context)
        holdCodes = holds.holds(for: chart).map(\.code.rawValue)
        let heldIDs = holds.heldSessions(in: chart)
        held = (chart.plan?.sessions ?? []).filter { heldIDs[$0.id] != nil }.map(\.date.iso)
        let over = (chart.plan?.sessions ?? []).filter { $0.status == .planned && $0.overCapacity }.map(\.date.iso)
        overCapacity = over.isEmpty ? nil : over
        let visits = ScoringVisits.days(for: chart, calendar: calendar, settings: settings, today: day,
                                        through: day.adding(days: SchedulingContext.defaultHorizonDays)).map(\.iso)
        scoringVisits = visits.isEmpty ? nil : visits
        asOf = day.iso
    }

    /// Whether a hold stands on this patient.
    public var isHeld: Bool { !holdCodes.isEmpty }

    /// The first planned session on or after `day` that no hold stops (a held session
    /// is not the patient's next session).
    public func nextSession(onOrAfter day: CalendarDay) -> String? {
        let iso = day.iso
        return planned.first { $0 >= iso && !held.contains($0) }
    }

    /// Planned sessions before `day` that were never recorded.
    public func overdue(before day: CalendarDay) -> Int {
        let iso = day.iso
        return planned.prefix { $0 < iso }.count
    }
}
