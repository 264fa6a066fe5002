/// One treatment session in a plan.
public struct Session: Equatable, Sendable, Codable, Identifiable {
    public var id: SessionID
    public var date: CalendarDay
    public var time: TimeOfDay?
    /// Administration plus monitoring minutes: how long a chair is taken.
    public var chairMinutes: Int
    public var phase: PhaseKind
    /// The dose planned; nil when it cannot be computed (a warning says why).
    public var plannedDoseMg: Double?
    public var status: SessionStatus
    /// The rule that put the session on its date ("Why this date?").
    public var reason: String
    /// The clinician set this date by hand: re-plans keep it where it is.
    public var pinned: Bool

    /// Joins a manual move's reason to the rules it broke (`Scheduler.move` accepting
    /// its concerns), so the move can be told from one that broke none.
    public static let despiteMarker = " despite: "

    /// Whether a clinician moved this session here although the move broke a scheduling
    /// rule (the rules are in `reason`); the audit log records such a move as one.
    public var movedDespiteRules: Bool { pinned && reason.contains(Session.despiteMarker) }
    /// What was recorded once the session took place (or was missed or deferred).
    public var record: SessionRecord?
    /// Booked on a day whose chairs were all taken, by the clinician's choice
    /// (`plan new --over-capacity`); capacity checks accept it as such.
    public var overCapacity: Bool
    /// Corrections to a given session's `record`, oldest first: each keeps the record it
    /// replaced, with the reason, who and when (`Scheduler.amend`). Empty for most sessions.
    public var amendments: [SessionAmendment] = []

    public init(
        id: SessionID, date: CalendarDay, time: TimeOfDay? = nil, chairMinutes: Int, phase: PhaseKind,
        plannedDoseMg: Double?, status: SessionStatus = .planned, reason: String, pinned: Bool = false,
        record: SessionRecord? = nil, overCapacity: Bool = false
    ) {
        self.id = id
        self.date = date
        self.time = time
        self.chairMinutes = chairMinutes
        self.phase = phase
        self.plannedDoseMg = plannedDoseMg
        self.status = status
        self.reason = reason
        self.pinned = pinned
        self.record = record
        self.overCapacity = overCapacity
    }

    enum CodingKeys: String, CodingKey { case id, date, time, chairMinutes, phase, plannedDoseMg, status, reason, pinned, record, overCapacity, amendments }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(SessionID.self, forKey: .id)
        date = try c.decode(CalendarDay.self, forKey: .date)
        time = try c.decodeIfPresent(TimeOfDay.self, forKey: .time)
        chairMinutes = try c.decode(Int.self, forKey: .chairMinutes)
        phase = try c.decode(PhaseKind.self, forKey: .phase)
        plannedDoseMg = try c.decodeIfPresent(Double.self, forKey: .plannedDoseMg)
        status = try c.decode(SessionStatus.self, forKey: .status)
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        pinned = try c.decodeIfPresent(Bool.self, forKey: .pinned) ?? false
        record = try c.decodeIfPresent(SessionRecord.self, forKey: .record)
        overCapacity = try c.decodeIfPresent(Bool.self, forKey: .overCapacity) ?? false
        amendments = try c.decodeIfPresent([SessionAmendment].self, forKey: .amendments) ?? []
        if !amendments.isEmpty, status != .given || record == nil {
            throw DecodingError.dataCorruptedError(forKey: .amendments, in: c, debugDescription: "amendments are kept only for a given session with a record")
        }
        if let dose = plannedDoseMg, !(dose > 0 && dose <= 1000) {
            throw DecodingError.dataCorruptedError(forKey: .plannedDoseMg, in: c, debugDescription: "plannedDoseMg must be between 0 and 1000 mg")
        }
        guard (0...1440).contains(chairMinutes) else {
            throw DecodingError.dataCorruptedError(forKey: .chairMinutes, in: c, debugDescription: "chairMinutes must be 0-1440")
        }
    }

    // `overCapacity` and `amendments` are written only when set, so other sessions' files
    // do not change.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encode(chairMinutes, forKey: .chairMinutes)
        try c.encode(phase, forKey: .phase)
        try c.encodeIfPresent(plannedDoseMg, forKey: .plannedDoseMg)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(pinned, forKey: .pinned)
        try c.encodeIfPresent(record, forKey: .record)
        if overCapacity { try c.encode(true, forKey: .overCapacity) }
        if !amendments.isEmpty { try c.encode(amendments, forKey: .amendments) }
    }
}
