import KetaplanEngine

/// One line of `audit.jsonl`: one save, by whom, when, and what kinds of change it made.
/// It names the patient only by id and never carries names, notes or values.
public struct AuditEntry: Equatable, Sendable, Codable {
    /// The line's format version: 2 (lines of version 1 carried a free-text `change`).
    public var schemaVersion: Int = AuditEntry.currentVersion
    /// ISO 8601, UTC.
    public var time: String
    /// The login name of whoever made the change.
    public var user: String
    /// Nil for clinic-wide changes.
    public var patient: PatientID?
    /// The revision the save wrote (patient files), so a line matches one version of a file.
    public var revision: Int?
    public var changes: [AuditChange]
    /// Version 1 lines only: the change as text.
    public var change: String?

    public static let currentVersion = 2

    public init(time: String, user: String, patient: PatientID?, revision: Int?, changes: [AuditChange]) {
        self.time = time
        self.user = user
        self.patient = patient
        self.revision = revision
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case schemaVersion, time, user, patient, revision, changes, change }

    // Lines written before the field existed read as version 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        time = try c.decode(String.self, forKey: .time)
        user = try c.decode(String.self, forKey: .user)
        patient = try c.decodeIfPresent(PatientID.self, forKey: .patient)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision)
        if schemaVersion == 1 {
            change = try c.decode(String.self, forKey: .change)
            changes = []
        } else {
            changes = try c.decode([AuditChange].self, forKey: .changes)
        }
    }
}
