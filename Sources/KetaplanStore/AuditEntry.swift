/// One line of `audit.jsonl`: who changed what, when. It names the patient only by id.
public struct AuditEntry: Equatable, Sendable, Codable {
    /// ISO 8601, UTC.
    public var time: String
    /// The login name of whoever made the change.
    public var user: String
    /// Nil for clinic-wide changes.
    public var patient: String?
    public var change: String
}
