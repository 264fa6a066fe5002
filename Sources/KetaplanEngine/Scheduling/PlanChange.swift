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

extension PlanChange {
    /// The change in the words of the audit log and the screen, with session numbers as
    /// clinicians count them ("session 3 2026-01-09 -> 2026-01-08").
    public func line(in plan: Plan) -> String {
        func n(_ id: SessionID) -> String { plan.number(of: id).map { "session \($0)" } ?? "session \(id)" }
        switch self {
        case .moved(let id, let from, let to): return "\(n(id)) \(from) -> \(to)"
        case .added(let id, let day): return "\(n(id)) added on \(day)"
        case .removed(let id, let day): return "session on \(day) removed (\(id))"
        case .doseChanged(let id, let from, let to):
            return "\(n(id)) planned dose \(from.map { formatNumber($0) } ?? "none") -> \(to.map { formatNumber($0) } ?? "none") mg"
        }
    }
}
