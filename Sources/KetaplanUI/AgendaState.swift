import KetaplanEngine
import KetaplanRecords

/// The agenda: which day (or week) and the selection.
public struct AgendaState: Equatable, Sendable {
    public var day: CalendarDay
    public var week = false
    public var selected = 0
    public var scroll = 0
    /// What `/` typed: only sessions of patients whose name or id matches are listed.
    public var filter = ""
    public var filtering = false
    public init(day: CalendarDay) { self.day = day }
}
