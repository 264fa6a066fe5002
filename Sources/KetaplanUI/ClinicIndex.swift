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

    /// Each summary's id, by position: the agenda's order breaks ties by id.
    private var ids: [PatientID] = []

    /// One patient's session on a day. Eight bytes: a 100,000-patient clinic holds
    /// millions of them (every session of every plan), so the patient is its position in
    /// the summaries and its kind one byte, not a copy of the id and four fields.
    public struct Booking: Equatable, Sendable {
        /// The patient's position in the summaries.
        private let row: UInt32
        /// Appointment time in minutes (24 * 60 when none: sorts last).
        let minutes: UInt16
        private let kind: Kind

        private enum Kind: UInt8 { case planned, given, scoringVisit, missed, deferred, cancelled }

        public var patient: Int { Int(row) }
        public var given: Bool { kind == .given }
        /// An on-demand scoring visit: a score, no dose, no chair.
        public var scoringVisit: Bool { kind == .scoringVisit }
        /// Recorded as missed, deferred or cancelled: listed with its status, takes no chair.
        public var unkept: SessionStatus? {
            switch kind {
            case .missed: .missed
            case .deferred: .deferred
            case .cancelled: .cancelled
            case .planned, .given, .scoringVisit: nil
            }
        }

        init(patient: Int, given: Bool, scoringVisit: Bool = false, unkept: SessionStatus? = nil, minutes: Int) {
            row = UInt32(patient)
            self.minutes = UInt16(minutes)
            switch (given, scoringVisit, unkept) {
            case (true, _, _): kind = .given
            case (_, true, _): kind = .scoringVisit
            case (_, _, .missed?): kind = .missed
            case (_, _, .deferred?): kind = .deferred
            case (_, _, .cancelled?): kind = .cancelled
            default: kind = .planned
            }
        }
    }

    /// The agenda's order: appointment time (none last), then id.
    private func before(_ a: Booking, _ b: Booking) -> Bool {
        a.minutes != b.minutes ? a.minutes < b.minutes : ids[a.patient] < ids[b.patient]
    }

    public init(summaries: [PatientSummary], today: CalendarDay) {
        self.today = today
        searchText = summaries.map(Self.searchBytes)
        ids = summaries.map(\.id)
        for (i, s) in summaries.enumerated() { apply(s, at: i, sign: 1, sorted: false) }
        for key in byDay.keys { byDay[key]!.sort(by: before) }
    }

    mutating func add(_ s: PatientSummary, at i: Int) {
        if i == searchText.count { searchText.append([]) }
        searchText[i] = Self.searchBytes(s)
        if i == ids.count { ids.append(s.id) } else { ids[i] = s.id }
        apply(s, at: i, sign: 1, sorted: true)
    }

    mutating func remove(_ s: PatientSummary, at i: Int) {
        apply(s, at: i, sign: -1, sorted: true)
    }

    private mutating func apply(_ s: PatientSummary, at i: Int, sign: Int, sorted: Bool) {
        let minutes = s.time?.minutesSinceMidnight ?? 24 * 60
        let active = s.isActive
        for day in s.chairDays { bookings[day, default: 0] += sign }
        for day in s.given { patch(day, Booking(patient: i, given: true, minutes: minutes), sign, sorted) }
        if active { for day in s.planned where !s.given.contains(day) { patch(day, Booking(patient: i, given: false, minutes: minutes), sign, sorted) } }
        for (status, days) in [(SessionStatus.missed, s.missed), (.deferred, s.deferred), (.cancelled, s.cancelled)] {
            for day in days { patch(day, Booking(patient: i, given: false, unkept: status, minutes: minutes), sign, sorted) }
        }
        if active { for day in s.scoringVisits { patch(day, Booking(patient: i, given: false, scoringVisit: true, minutes: minutes), sign, sorted) } }
        if s.overdue(before: today) > 0 { overdue += sign }
        if s.isDueWithinWeek(of: today) { dueWithinWeek += sign }
        if s.criticalWarnings > 0 { critical += sign }
    }

    private mutating func patch(_ day: CalendarDay, _ booking: Booking, _ sign: Int, _ sorted: Bool) {
        if sign > 0 {
            if sorted {
                let at = byDay[day]?.firstIndex { before(booking, $0) } ?? byDay[day]?.count ?? 0
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
