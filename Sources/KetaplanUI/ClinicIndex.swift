import KetaplanEngine
import KetaplanRecords
import KetaplanText

/// Facts derived from every patient's summary that screens need on each key press: chair
/// bookings by day, each day's sessions for the agenda, and the overview's counts. Built
/// when summaries load and patched when one patient is saved, so that no key press walks
/// ten thousand summaries.
public struct ClinicIndex: Sendable {
    /// Chairs taken, by day (`PatientSummary.chairDays`: planned and given sessions).
    public private(set) var bookings: [CalendarDay: Int] = [:]
    /// Every session on a day (planned, given, scoring visits, and missed, deferred or
    /// cancelled ones, which take no chair), in the agenda's order.
    public private(set) var byDay: [CalendarDay: [Booking]] = [:]
    public private(set) var overdue = 0
    public private(set) var dueWithinWeek = 0
    public private(set) var critical = 0
    let today: CalendarDay

    /// Each summary's name and id folded for search (`SearchFolding`), as UTF-8 bytes
    /// with a 0 between them so no match runs from the name into the id; for every list's
    /// filter (a byte search over ten thousand names fits in a key press; String.contains
    /// did not).
    public private(set) var searchText: [[UInt8]] = []

    static func searchBytes(_ s: PatientSummary) -> [UInt8] {
        SearchFolding.foldedBytes(s.name) + [0] + SearchFolding.foldedBytes(s.id.rawValue)
    }

    /// One patient's session on a day.
    public struct Booking: Equatable, Sendable {
        public var patient: Int
        public var given: Bool
        /// An on-demand scoring visit: a score, no dose, no chair.
        public var scoringVisit = false
        /// Recorded as missed, deferred or cancelled: listed with its status, takes no chair.
        public var unkept: SessionStatus? = nil
        /// Appointment time (minutes; none sorts last) then id: the agenda's order.
        var order: Order

        struct Order: Comparable, Equatable, Sendable {
            var minutes: Int
            var id: PatientID
            static func < (a: Order, b: Order) -> Bool { (a.minutes, a.id) < (b.minutes, b.id) }
        }
    }

    public init(summaries: [PatientSummary], today: CalendarDay) {
        self.today = today
        searchText = summaries.map(Self.searchBytes)
        for (i, s) in summaries.enumerated() { apply(s, at: i, sign: 1, sorted: false) }
        for key in byDay.keys { byDay[key]!.sort { $0.order < $1.order } }
    }

    mutating func add(_ s: PatientSummary, at i: Int) {
        if i == searchText.count { searchText.append([]) }
        searchText[i] = Self.searchBytes(s)
        apply(s, at: i, sign: 1, sorted: true)
    }

    mutating func remove(_ s: PatientSummary, at i: Int) {
        apply(s, at: i, sign: -1, sorted: true)
    }

    private mutating func apply(_ s: PatientSummary, at i: Int, sign: Int, sorted: Bool) {
        let order = Booking.Order(minutes: s.time?.minutesSinceMidnight ?? 24 * 60, id: s.id)
        let active = s.isActive
        for day in s.chairDays { bookings[day, default: 0] += sign }
        for day in s.given { patch(day, Booking(patient: i, given: true, order: order), sign, sorted) }
        if active { for day in s.planned where !s.given.contains(day) { patch(day, Booking(patient: i, given: false, order: order), sign, sorted) } }
        for (status, days) in [(SessionStatus.missed, s.missed), (.deferred, s.deferred), (.cancelled, s.cancelled)] {
            for day in days { patch(day, Booking(patient: i, given: false, unkept: status, order: order), sign, sorted) }
        }
        if active { for day in s.scoringVisits { patch(day, Booking(patient: i, given: false, scoringVisit: true, order: order), sign, sorted) } }
        if s.overdue(before: today) > 0 { overdue += sign }
        if s.isDueWithinWeek(of: today) { dueWithinWeek += sign }
        if s.criticalWarnings > 0 { critical += sign }
    }

    private mutating func patch(_ day: CalendarDay, _ booking: Booking, _ sign: Int, _ sorted: Bool) {
        if sign > 0 {
            if sorted {
                let at = byDay[day]?.firstIndex { $0.order > booking.order } ?? byDay[day]?.count ?? 0
                byDay[day, default: []].insert(booking, at: at)
            } else {
                byDay[day, default: []].append(booking)
            }
        } else {
            byDay[day]?.removeAll { $0 == booking }
        }
    }

    /// Chairs others take, for scheduling `summary`'s patient.
    func bookings(excluding summary: PatientSummary?) -> ChairBookings {
        var counts = bookings
        if let summary {
            for day in summary.chairDays { if let n = counts[day] { counts[day] = n - 1 } }
        }
        return ChairBookings(countByDay: counts.filter { $0.value > 0 })
    }

    /// Whether summary `i`'s name or id contains `needle` (folded UTF-8, see
    /// `SearchFolding`).
    func matches(_ i: Int, _ needle: [UInt8]) -> Bool {
        let hay = searchText[i]
        guard needle.count <= hay.count, let first = needle.first else { return needle.isEmpty }
        var start = 0
        let last = hay.count - needle.count
        while start <= last {
            if hay[start] == first {
                var k = 1
                while k < needle.count, hay[start + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
