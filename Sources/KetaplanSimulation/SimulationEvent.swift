import KetaplanEngine

/// One thing the simulated clinic told the engine, in order: the same calls a clinician
/// makes through `ketaplan score add`, `session record`, `review` and `plan status`.
/// Kept only when asked for (tests replay them through the scheduler).
public enum SimulationEvent: Equatable, Sendable {
    case score(Assessment)
    case record(SessionID, SessionStatus, on: CalendarDay)
    case review(ClinicianReview)
    case status(PlanStatus, on: CalendarDay)
}
