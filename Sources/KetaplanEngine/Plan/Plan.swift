/// A patient's treatment plan: a copy of the protocol (so later edits to the protocol do
/// not rewrite history), when it starts, how maintenance is spaced, and its sessions.
public struct Plan: Equatable, Sendable, Codable {
    public var protocolCopy: TreatmentProtocol
    public var startDate: CalendarDay
    /// Nil for protocols with no maintenance (e.g. esketamine-mdsi).
    public var maintenancePolicy: MaintenancePolicy?
    /// Weekdays the patient can come; empty means any open day.
    public var preferredWeekdays: [Weekday]
    /// The usual appointment time, when the clinic books one.
    public var appointmentTime: TimeOfDay?
    /// Doses a clinician titrated to, by phase; they replace the protocol's usual dose
    /// for sessions planned from then on (never the course's first session).
    public var doseOverridesMg: [PhaseKind: Double]
    /// Sessions in date order.
    public var sessions: [Session]
    public var status: PlanStatus
    /// Why the status was last changed, in the clinician's words (kept in the chart, not
    /// in the audit log, which holds no free text).
    public var statusNote: String = ""
    /// The id the next new session gets.
    public var nextSessionID: Int
    /// The clinician chose to book the induction on days whose chairs are all taken
    /// rather than let it stretch (`plan new --over-capacity`).
    public var bookOverCapacity: Bool
    /// Titrations, in the order they were set (`plan dose`).
    public var doseSteps: [DoseStep]
    /// Clinicians' explicit decisions to go ahead despite a gate (under 18, pre-dose
    /// blood pressure), with who, when and why.
    public var overrides: [PlanOverride]
    /// Days a clinician moved a session off (sorted): the patient cannot come then, so no
    /// re-plan puts another session there; a clinician's own move back to one lifts it.
    public var vacatedDays: [CalendarDay] = []

    public init(
        protocolCopy: TreatmentProtocol, startDate: CalendarDay, maintenancePolicy: MaintenancePolicy?,
        preferredWeekdays: [Weekday] = [], appointmentTime: TimeOfDay? = nil, doseOverridesMg: [PhaseKind: Double] = [:],
        sessions: [Session] = [], status: PlanStatus = .active, nextSessionID: Int = 1,
        overrides: [PlanOverride] = [], doseSteps: [DoseStep] = [], bookOverCapacity: Bool = false
    ) {
        self.protocolCopy = protocolCopy
        self.startDate = startDate
        self.maintenancePolicy = maintenancePolicy
        self.preferredWeekdays = preferredWeekdays.sorted()
        self.appointmentTime = appointmentTime
        self.doseOverridesMg = doseOverridesMg
        self.sessions = sessions
        self.status = status
        self.nextSessionID = nextSessionID
        self.overrides = overrides
        self.doseSteps = doseSteps
        self.bookOverCapacity = bookOverCapacity
    }

    /// The session with `id`.
    public func session(_ id: SessionID) -> Session? { sessions.first { $0.id == id } }

    /// A session by its 1-based number in date order.
    public func session(number: Int) -> Session? {
        sessions.indices.contains(number - 1) ? sessions[number - 1] : nil
    }

    /// The 1-based number of a session in date order (what clinicians call "session 4").
    public func number(of id: SessionID) -> Int? {
        sessions.firstIndex { $0.id == id }.map { $0 + 1 }
    }

    /// The first session (any status) on `day`.
    public func session(on day: CalendarDay) -> Session? { sessions.first { $0.date == day } }

    /// The next planned session on or after `day`.
    public func nextPlanned(onOrAfter day: CalendarDay) -> Session? {
        sessions.first { $0.status == .planned && $0.date >= day }
    }

    /// The day treatment weeks count from: the first dose given, else the first dose
    /// planned, else the plan's start date.
    public var courseStart: CalendarDay {
        sessions.first { $0.status == .given }?.date ?? sessions.first { $0.status.isDose }?.date ?? startDate
    }

    /// The phase the plan is in on `day`: that of the last session on or before it, else the
    /// first; but a phase that is over by then shows as the protocol's next one, so that a
    /// patient whose six infusions are all given does not read "induction". A phase is over
    /// when its sessions are all given: a sessions-counted phase once that many are given,
    /// any phase once none of it is still planned or given after `day` and a later phase's
    /// session is booked.
    public func currentPhase(on day: CalendarDay) -> PhaseKind {
        let phases = protocolCopy.phases
        guard let last = sessions.last(where: { $0.date <= day && $0.status != .cancelled }) else {
            return phases.first?.kind ?? .induction
        }
        guard let at = phases.firstIndex(where: { $0.kind == last.phase }), at + 1 < phases.count else { return last.phase }
        let ofPhase = sessions.filter { $0.phase == last.phase }
        let givenByDay = ofPhase.filter { $0.status == .given && $0.date <= day }.count
        let countReached: Bool
        if case .sessions(let n) = phases[at].length { countReached = givenByDay >= n } else { countReached = false }
        let laterPhases = Set(phases[(at + 1)...].map(\.kind))
        let allGiven = givenByDay > 0 && !ofPhase.contains { $0.status == .planned || ($0.status == .given && $0.date > day) }
            && sessions.contains { laterPhases.contains($0.phase) && $0.status != .cancelled }
        return countReached || allGiven ? phases[at + 1].kind : last.phase
    }

    enum CodingKeys: String, CodingKey {
        case protocolCopy = "protocol", startDate, maintenancePolicy, preferredWeekdays, appointmentTime
        case doseOverridesMg, sessions, status, statusNote, nextSessionID, overrides, doseSteps, bookOverCapacity, vacatedDays
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        protocolCopy = try c.decode(TreatmentProtocol.self, forKey: .protocolCopy)
        startDate = try c.decode(CalendarDay.self, forKey: .startDate)
        maintenancePolicy = try c.decodeIfPresent(MaintenancePolicy.self, forKey: .maintenancePolicy)
        preferredWeekdays = try c.decodeIfPresent([Weekday].self, forKey: .preferredWeekdays) ?? []
        appointmentTime = try c.decodeIfPresent(TimeOfDay.self, forKey: .appointmentTime)
        let overrides = try c.decodeIfPresent([String: Double].self, forKey: .doseOverridesMg) ?? [:]
        var byPhase: [PhaseKind: Double] = [:]
        for (key, value) in overrides {
            guard let phase = PhaseKind(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .doseOverridesMg, in: c, debugDescription: "unknown phase '\(key)': use induction, continuation or maintenance")
            }
            byPhase[phase] = value
        }
        doseOverridesMg = byPhase
        sessions = try c.decode([Session].self, forKey: .sessions)
        status = try c.decode(PlanStatus.self, forKey: .status)
        statusNote = try c.decodeIfPresent(String.self, forKey: .statusNote) ?? ""
        nextSessionID = try c.decode(Int.self, forKey: .nextSessionID)
        self.overrides = try c.decodeIfPresent([PlanOverride].self, forKey: .overrides) ?? []
        doseSteps = try c.decodeIfPresent([DoseStep].self, forKey: .doseSteps) ?? []
        bookOverCapacity = try c.decodeIfPresent(Bool.self, forKey: .bookOverCapacity) ?? false
        vacatedDays = (try c.decodeIfPresent([CalendarDay].self, forKey: .vacatedDays) ?? []).sorted()
        let ids = sessions.map(\.id)
        guard Set(ids).count == ids.count else {
            throw DecodingError.dataCorruptedError(forKey: .sessions, in: c, debugDescription: "two sessions share an id")
        }
        guard ids.allSatisfy({ $0.rawValue < nextSessionID }) else {
            throw DecodingError.dataCorruptedError(forKey: .nextSessionID, in: c, debugDescription: "nextSessionID must be above every session id")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(protocolCopy, forKey: .protocolCopy)
        try c.encode(startDate, forKey: .startDate)
        try c.encodeIfPresent(maintenancePolicy, forKey: .maintenancePolicy)
        try c.encode(preferredWeekdays, forKey: .preferredWeekdays)
        try c.encodeIfPresent(appointmentTime, forKey: .appointmentTime)
        var overrides: [String: Double] = [:]
        for (phase, mg) in doseOverridesMg { overrides[phase.rawValue] = mg }
        try c.encode(overrides, forKey: .doseOverridesMg)
        try c.encode(sessions, forKey: .sessions)
        try c.encode(status, forKey: .status)
        if !statusNote.isEmpty { try c.encode(statusNote, forKey: .statusNote) }
        try c.encode(nextSessionID, forKey: .nextSessionID)
        // Written only when there are some, so plans without overrides read as before.
        if !self.overrides.isEmpty { try c.encode(self.overrides, forKey: .overrides) }
        if !doseSteps.isEmpty { try c.encode(doseSteps, forKey: .doseSteps) }
        if bookOverCapacity { try c.encode(true, forKey: .bookOverCapacity) }
        if !vacatedDays.isEmpty { try c.encode(vacatedDays, forKey: .vacatedDays) }
    }
}
