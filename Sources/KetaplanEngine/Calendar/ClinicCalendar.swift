/// When the clinic can give treatment: its open weekdays, the dates it is closed, and how
/// many treatment chairs it has each day.
public struct ClinicCalendar: Equatable, Codable, Sendable {
    /// Weekdays the clinic gives treatment on.
    public var openWeekdays: Set<Weekday>
    /// Dates the clinic is closed although the weekday is open (holidays, training days).
    public var closedDates: Set<CalendarDay>
    /// Treatment chairs available on an open day.
    public var chairsPerDay: Int

    public init(
        openWeekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday],
        closedDates: Set<CalendarDay> = [],
        chairsPerDay: Int = 4
    ) {
        self.openWeekdays = openWeekdays
        self.closedDates = closedDates
        self.chairsPerDay = chairsPerDay
    }

    /// Why the clinic cannot treat on `day`, or nil when it is open.
    public func closure(on day: CalendarDay) -> Closure? {
        if closedDates.contains(day) { return .closedDate }
        if !openWeekdays.contains(day.weekday) { return .closedWeekday }
        return nil
    }

    /// Whether the clinic gives treatment on `day`.
    public func isOpen(_ day: CalendarDay) -> Bool { closure(on: day) == nil }

    /// Why a day is closed.
    public enum Closure: Equatable, Sendable {
        /// The weekday is not one of the clinic's open weekdays.
        case closedWeekday
        /// The date is in the clinic's list of closed dates.
        case closedDate
    }

    enum CodingKeys: String, CodingKey { case openWeekdays, closedDates, chairsPerDay }

    // Sets are written sorted so that the same calendar always gives the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(openWeekdays.sorted(), forKey: .openWeekdays)
        try c.encode(closedDates.sorted(), forKey: .closedDates)
        try c.encode(chairsPerDay, forKey: .chairsPerDay)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        openWeekdays = Set(try c.decode([Weekday].self, forKey: .openWeekdays))
        closedDates = Set(try c.decode([CalendarDay].self, forKey: .closedDates))
        chairsPerDay = try c.decode(Int.self, forKey: .chairsPerDay)
        guard Self.acceptedChairs.contains(chairsPerDay) else {
            throw DecodingError.dataCorruptedError(
                forKey: .chairsPerDay, in: c, debugDescription: "chairsPerDay must be \(Self.acceptedChairs.lowerBound)-\(Self.acceptedChairs.upperBound)")
        }
        guard Self.acceptsOpenWeekdays(openWeekdays) else {
            throw DecodingError.dataCorruptedError(
                forKey: .openWeekdays, in: c, debugDescription: "openWeekdays must name at least one weekday (with none, no session could ever be planned)")
        }
    }

    // The values a clinic may choose, read by the loader and by `clinic set` and the
    // settings form (ClinicChange), so that a file edited by hand is held to the same rule.

    /// Chairs per day a clinic may have. The largest clinic ketaplan is built for (issue 13:
    /// 100,000 patients, `ketaplan demo --patients 100000`) has 12,500 chairs a day, so the
    /// limit lies above it: at 200, the loader refused every demo clinic of more than about
    /// 1,600 patients, and with it the benchmark's clinics.
    public static let acceptedChairs = 1...20_000

    /// Whether a clinic may be open on `days`: at least one weekday.
    public static func acceptsOpenWeekdays(_ days: Set<Weekday>) -> Bool { !days.isEmpty }
}
