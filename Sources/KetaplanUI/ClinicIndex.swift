import KetaplanEngine
import KetaplanStore

/// Facts derived from every patient's summary that screens need on each key press: chair
/// bookings by day, each day's sessions for the agenda, and the overview's counts. Built
/// when summaries load and patched when one patient is saved, so that no key press walks
/// ten thousand summaries.
public struct ClinicIndex: Sendable {
    /// Planned sessions of active plans, by day (ISO; chairs taken). Kept by text so
    /// that building the index parses no dates.
    public private(set) var bookings: [String: Int] = [:]
    /// Sessions planned or given on a day (ISO), as (summary index, given).
    public private(set) var byDay: [String: [Booking]] = [:]
    public private(set) var overdue = 0
    public private(set) var dueWithinWeek = 0
    public private(set) var critical = 0
    let today: CalendarDay

    /// Lower-cased "name id" of each summary as UTF-8 bytes, for the overview's filter
    /// (a byte search over ten thousand names fits in a key press; String.contains did not).
    public private(set) var searchText: [[UInt8]] = []

    /// One patient's session on a day.
    public struct Booking: Equatable, Sendable {
        public var patient: Int
        public var given: Bool
        /// An on-demand scoring visit: a score, no dose, no chair.
        public var scoringVisit = false
        /// Appointment time then id: the agenda's order.
        var order: String
    }

    public init(summaries: [PatientSummary], today: CalendarDay) {
        self.today = today
        searchText = summaries.map { Array(($0.name + " " + $0.id).lowercased().utf8) }
        for (i, s) in summaries.enumerated() { apply(s, at: i, sign: 1, sorted: false) }
        for key in byDay.keys { byDay[key]!.sort { $0.order < $1.order } }
    }

    mutating func add(_ s: PatientSummary, at i: Int) {
        if i == searchText.count { searchText.append([]) }
        searchText[i] = Array((s.name + " " + s.id).lowercased().utf8)
        apply(s, at: i, sign: 1, sorted: true)
    }

    mutating func remove(_ s: PatientSummary, at i: Int) {
        apply(s, at: i, sign: -1, sorted: true)
    }

    private mutating func apply(_ s: PatientSummary, at i: Int, sign: Int, sorted: Bool) {
        let order = (s.time ?? "99:99") + " " + s.id
        let active = s.planStatus == PlanStatus.active.rawValue
        if active {
            for iso in s.planned { bookings[iso, default: 0] += sign }
        }
        for iso in s.given { patch(iso, Booking(patient: i, given: true, order: order), sign, sorted) }
        if active { for iso in s.planned where !s.given.contains(iso) { patch(iso, Booking(patient: i, given: false, order: order), sign, sorted) } }
        if active { for iso in s.scoringVisits ?? [] { patch(iso, Booking(patient: i, given: false, scoringVisit: true, order: order), sign, sorted) } }
        if s.overdue(before: today) > 0 { overdue += sign }
        if let n = s.nextSession(onOrAfter: today), n <= today.adding(days: 7).iso { dueWithinWeek += sign }
        if s.criticalWarnings > 0 { critical += sign }
    }

    private mutating func patch(_ iso: String, _ booking: Booking, _ sign: Int, _ sorted: Bool) {
        if sign > 0 {
            if sorted {
                let at = byDay[iso]?.firstIndex { $0.order > booking.order } ?? byDay[iso]?.count ?? 0
                byDay[iso, default: []].insert(booking, at: at)
            } else {
                byDay[iso, default: []].append(booking)
            }
        } else {
            byDay[iso]?.removeAll { $0 == booking }
        }
    }

    /// Chairs others take, for scheduling `summary`'s patient.
    func bookings(excluding summary: PatientSummary?) -> ChairBookings {
        var counts = bookings
        if let summary, summary.planStatus == PlanStatus.active.rawValue {
            for iso in summary.planned { if let n = counts[iso] { counts[iso] = n - 1 } }
        }
        var byDay: [CalendarDay: Int] = [:]
        byDay.reserveCapacity(counts.count)
        for (iso, n) in counts where n > 0 {
            if let d = try? CalendarDay(iso: iso) { byDay[d] = n }
        }
        return ChairBookings(countByDay: byDay)
    }

    /// Whether summary `i`'s name or id contains `needle` (lower-cased UTF-8).
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
