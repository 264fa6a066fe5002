/// What a clinician records about a planned session.
public struct SessionOutcome: Equatable, Sendable {
    /// given, missed, deferred or cancelled.
    public var status: SessionStatus
    public var record: SessionRecord

    public init(status: SessionStatus, record: SessionRecord = SessionRecord()) {
        self.status = status
        self.record = record
    }
}
