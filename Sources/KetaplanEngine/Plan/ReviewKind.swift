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
    /// Treatment of a patient under 18 goes ahead (plans made before the age gate
    /// existed; new plans take `--override REASON` instead).
    case underAge
}
