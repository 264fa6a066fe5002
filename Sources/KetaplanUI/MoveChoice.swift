import ClinicEdits
import KetaplanEngine

/// A move being chosen on the patient screen: which session, the day chosen, and what a
/// save would do. The reducer works out `outcome`, `strip` and `lines` when the day, the
/// chart, the bookings or the width change; the renderer only draws them, and saving
/// writes `outcome`'s chart as it is (the preview is the save, not a second guess).
public struct MoveChoice: Equatable, Sendable {
    /// The session being moved and the day it is on now.
    public var session: SessionID
    public var from: CalendarDay
    /// The day chosen (Left/Right a day, Up/Down a week).
    public var day: CalendarDay
    /// What the engine made of moving to `day`; nil until worked out.
    public var outcome: Outcome?
    /// The days around `day` with their chair load, as many as the width shows.
    public var strip: [DayLoad] = []
    /// The preview as drawn: every session the save changes, every rule it breaks, and
    /// what to press, wrapped to the width.
    public var lines: [StyledLine] = []
    /// What to press now, wrapped to the width; drawn on the last rows, always in view.
    public var prompt: [StyledLine] = []
    /// First preview line shown when they do not all fit (PgUp/PgDn).
    public var scroll = 0

    public init(session: SessionID, from: CalendarDay) {
        self.session = session
        self.from = from
        day = from
    }

    /// What saving the move to a day does, as the engine says.
    public enum Outcome: Equatable, Sendable {
        /// `ChartEdit.move`'s result for `day` (the chart a save writes) and every rule the
        /// move breaks; a move that breaks one is saved only on an explicit `y`.
        case applied(day: CalendarDay, AppliedEdit, breaks: [MoveConcern])
        /// The engine refuses the move (a day before today): nothing can be saved.
        case refused(day: CalendarDay, String)

        public var day: CalendarDay {
            switch self {
            case .applied(let day, _, _), .refused(let day, _): return day
            }
        }
    }

    /// Whether the outcome shown is for the day chosen.
    public var isCurrent: Bool { outcome?.day == day }

    /// The rules the chosen move breaks (empty when none, or not yet worked out).
    public var breaks: [MoveConcern] {
        if case .applied(_, _, let breaks)? = outcome { return breaks }
        return []
    }
}

/// One day of the move's calendar strip: chairs booked across the clinic against its
/// chairs, or why it is closed.
public struct DayLoad: Equatable, Sendable {
    public var day: CalendarDay
    public var booked: Int
    public var capacity: Int
    public var closure: ClinicCalendar.Closure?
    /// The patient already has a session that day.
    public var patientBooked: Bool

    public init(day: CalendarDay, booked: Int, capacity: Int, closure: ClinicCalendar.Closure?, patientBooked: Bool) {
        self.day = day
        self.booked = booked
        self.capacity = capacity
        self.closure = closure
        self.patientBooked = patientBooked
    }

    /// Every chair taken.
    public var full: Bool { closure == nil && booked >= capacity }
}
