/// A clinician's record of having reviewed a course warning that needs a decision
/// (futility, a positive suicide screen, the end-of-induction assessment, ...).
/// A review covers the warning as it stood on the review's day.
public struct ClinicianReview: Equatable, Sendable, Codable {
    public var kind: ReviewKind
    public var on: CalendarDay
    public var by: String
    public var note: String

    public init(kind: ReviewKind, on: CalendarDay, by: String, note: String = "") {
        self.kind = kind
        self.on = on
        self.by = by
        self.note = note
    }
}
