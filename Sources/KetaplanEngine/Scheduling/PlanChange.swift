/// One change a re-plan made, so a UI can show it and undo it.
public enum PlanChange: Equatable, Sendable, CustomStringConvertible {
    case moved(SessionID, from: CalendarDay, to: CalendarDay)
    case added(SessionID, on: CalendarDay)
    case removed(SessionID, was: CalendarDay)
    case doseChanged(SessionID, from: Double?, to: Double?)

    public var description: String {
        switch self {
        case .moved(let id, let from, let to): return "session \(id) \(from) -> \(to)"
        case .added(let id, let day): return "session \(id) added on \(day)"
        case .removed(let id, let day): return "session \(id) on \(day) removed"
        case .doseChanged(let id, let from, let to):
            return "session \(id) planned dose \(from.map { formatNumber($0) + " mg" } ?? "none") -> \(to.map { formatNumber($0) + " mg" } ?? "none")"
        }
    }
}
