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

/// The course decisions a clinician records.
public enum ReviewKind: String, CaseIterable, Sendable, Codable {
    /// Treatment goes on despite no response after the futility point.
    case futility
    /// A positive C-SSRS screen was reviewed; automatic scheduling may resume.
    case positiveSuicideScreen
    /// Response was judged at the end of induction; maintenance may go ahead.
    case endOfInduction
    /// Esketamine for MDSI continues beyond 4 weeks by the clinician's decision.
    case beyondEvaluatedDuration
    /// A bipolar patient is treated without a mood stabiliser on record.
    case noMoodStabiliser
}
