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
    /// clinicians count them in `plan show` and on the screen ("session 3 2026-01-09 ->
    /// 2026-01-08"), never the internal id. `plan` is the plan after the change; `old`,
    /// the plan before it, numbers the sessions the change took off (they are not in `plan`).
    public func line(in plan: Plan, was old: Plan? = nil) -> String {
        func n(_ id: SessionID) -> String { plan.number(of: id).map { "session \($0)" } ?? "session" }
        switch self {
        case .moved(let id, let from, let to): return "\(n(id)) \(from) -> \(to)"
        case .added(let id, let day): return "\(n(id)) added on \(day)"
        case .removed(let id, let day):
            let number = (old ?? plan).number(of: id)
            return number.map { "session \($0) on \(day) removed" } ?? "session on \(day) removed"
        case .doseChanged(let id, let from, let to):
            return "\(n(id)) planned dose \(from.map { formatNumber($0) } ?? "none") -> \(to.map { formatNumber($0) } ?? "none") mg"
        }
    }
}
