import KetaplanEngine
import KetaplanStore

/// The agenda: which day (or week) and the selection.
public struct AgendaState: Equatable, Sendable {
    public var day: CalendarDay
    public var week = false
    public var selected = 0
    public var scroll = 0
    public init(day: CalendarDay) { self.day = day }
}
