/// What a clinician records about a planned session.
public struct SessionOutcome: Equatable, Sendable {
    /// given, missed, deferred or cancelled.
    public var status: SessionStatus
    public var record: SessionRecord
    /// Why the dose is given despite an overridable gate (a pre-dose blood pressure);
    /// kept on the plan as a `PlanOverride`. Nil: no override, the gate refuses.
    public var overrideReason: String?
    /// Who decided the override (default: whoever gave the dose).
    public var decidedBy: String?

    public init(status: SessionStatus, record: SessionRecord = SessionRecord(), overrideReason: String? = nil, decidedBy: String? = nil) {
        self.status = status
        self.record = record
        self.overrideReason = overrideReason
        self.decidedBy = decidedBy
    }
}
