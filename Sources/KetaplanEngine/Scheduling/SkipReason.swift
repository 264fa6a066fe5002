/// Why the scheduler passed over a day; collected into each session's reason.
enum SkipReason: Equatable, Sendable {
    case occupied
    case closedWeekday
    case closedDate
    case notPreferred
    case full(Int)
    case tooClose(CalendarDay, gap: Int)
    case treatmentWeekFull(Int)
    case calendarWeekFull(Int)
    /// A clinician moved a session of this plan off the day (`Plan.vacatedDays`).
    case vacated

    var text: String {
        switch self {
        case .occupied: return "already has a session of this plan"
        case .closedWeekday: return "clinic closed that weekday"
        case .closedDate: return "clinic closed"
        case .notPreferred: return "not one of the patient's days"
        case .full(let n): return "all \(n) chairs booked"
        case .tooClose(let other, let gap): return "under the \(gap)-day minimum gap from \(other.shortLabel)"
        case .treatmentWeekFull(let n): return "treatment week already has \(n)"
        case .calendarWeekFull(let n): return "calendar week already has \(n)"
        case .vacated: return "a clinician moved a session off it"
        }
    }
}

extension CalendarDay {
    /// "Thu 2026-01-08": weekday and ISO date, the form reasons use.
    public var shortLabel: String { "\(weekday.abbreviation) \(iso)" }
}
