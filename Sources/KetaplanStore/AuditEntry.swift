/// One line of `audit.jsonl`: who changed what, when. It names the patient only by id.
public struct AuditEntry: Equatable, Sendable, Codable {
    /// The line's format version (1).
    public var schemaVersion: Int = 1
    /// ISO 8601, UTC.
    public var time: String
    /// The login name of whoever made the change.
    public var user: String
    /// Nil for clinic-wide changes.
    public var patient: String?
    public var change: String

    public init(time: String, user: String, patient: String?, change: String) {
        self.time = time
        self.user = user
        self.patient = patient
        self.change = change
    }

    enum CodingKeys: String, CodingKey { case schemaVersion, time, user, patient, change }

    // Lines written before the field existed read as version 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        time = try c.decode(String.self, forKey: .time)
        user = try c.decode(String.self, forKey: .user)
        patient = try c.decodeIfPresent(String.self, forKey: .patient)
        change = try c.decode(String.self, forKey: .change)
    }
}
