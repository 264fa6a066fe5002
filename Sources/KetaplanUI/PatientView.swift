import KetaplanEngine
import KetaplanRecords

/// A patient's plan screen: the chart once loaded, the pane shown, the selection.
public struct PatientView: Equatable, Sendable {
    /// What the lower part of the screen shows.
    public enum Pane: Int, CaseIterable, Sendable {
        case sessions, calendar, scores, warnings
        public var title: String { ["Sessions", "Calendar", "Scores", "Warnings"][rawValue] }
    }
    public var id: PatientID
    public var stored: StoredChart?
    public var pane = Pane.sessions
    public var selected = 0
    public var scroll = 0
    /// First day of the month the calendar shows.
    public var month: CalendarDay
    /// Session to select once the chart arrives (opened from the agenda).
    public var focusDate: CalendarDay?
    /// A key to press on the focused session once the chart arrives (`r`, `s` or `m` on
    /// the agenda start the patient screen's own flow).
    public var then: Key?
    /// What the engine says about the chart, worked out by the reducer once it arrives.
    public var facts: PatientFacts?
    /// A move being chosen for a session (`m`); the screen shows it instead of a pane.
    public var move: MoveChoice?
    /// A recorded session's whole record (Enter on it); shown instead of a pane.
    public var detail: SessionDetail?
    public init(id: PatientID, month: CalendarDay) {
        self.id = id
        self.month = month
    }
}
