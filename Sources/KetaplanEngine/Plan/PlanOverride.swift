/// A clinician's explicit decision to go ahead despite a gate that can be overridden
/// (a patient under 18 at planning, a pre-dose blood pressure at recording), with who,
/// when and why. Kept on the plan and printed on the summary; the audit line records
/// only that it happened, its kind, who and when.
public struct PlanOverride: Equatable, Sendable, Codable {
    public var code: HoldCode
    /// The session it was given for; nil for the plan as a whole.
    public var session: SessionID?
    public var on: CalendarDay
    public var by: String
    public var reason: String

    public init(_ code: HoldCode, session: SessionID? = nil, on: CalendarDay, by: String, reason: String) {
        self.code = code
        self.session = session
        self.on = on
        self.by = by
        self.reason = reason
    }
}
