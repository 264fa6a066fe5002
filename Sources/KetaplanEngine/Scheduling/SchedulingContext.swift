/// Everything outside a chart that scheduling depends on, passed in so that the engine
/// stays deterministic: the same context and chart always give the same plan.
public struct SchedulingContext: Sendable {
    /// The engine's "today": no new session is placed before it.
    public var today: CalendarDay
    public var calendar: ClinicCalendar
    public var settings: ClinicSettings
    /// Other patients' sessions per day, for chair capacity.
    public var bookings: ChairBookings
    /// Maintenance is forecast up to and including this day, not forever.
    public var horizon: CalendarDay

    public init(today: CalendarDay, calendar: ClinicCalendar, settings: ClinicSettings = ClinicSettings(),
                bookings: ChairBookings = ChairBookings(), horizon: CalendarDay? = nil) {
        self.today = today
        self.calendar = calendar
        self.settings = settings
        self.bookings = bookings
        self.horizon = horizon ?? today.adding(days: SchedulingContext.defaultHorizonDays)
    }

    /// Six months ahead.
    public static let defaultHorizonDays = 182
}
