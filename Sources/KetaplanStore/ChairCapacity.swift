import KetaplanEngine

/// The chair check a save makes under the folder lock, against the bookings on disk at
/// that moment: two clinicians planning at once were each shown free chairs, and the
/// second save must not overbook the day the first one took.
///
/// Only days on which this save adds sessions the scheduler placed are checked, so a save
/// never fails for an overbooking it did not make (a day the clinic took chairs away from,
/// for example). A session the clinician chose to book over capacity (`plan new
/// --over-capacity`, the new-plan form: `Session.overCapacity`) or moved onto a full day
/// after seeing the warning (pinned, saying so in its reason) is theirs to make: it is
/// not refused, and `validate` does not count it as an overbooking either.
public enum ChairCapacity {
    /// - Throws: `StoreError.overCapacity` listing the days that would be over capacity.
    /// `others` is read only when the save adds a session somewhere (most saves do not).
    static func check(_ chart: PatientChart, replacing old: PatientChart?, calendar: ClinicCalendar,
                      others readOthers: () -> ChairBookings) throws(StoreError) {
        let placed = bookings(chart, includingChosen: false)
        let before = old.map { bookings($0, includingChosen: false) } ?? [:]
        let added = placed.filter { $0.value > before[$0.key, default: 0] }
        guard !added.isEmpty else { return }
        let mine = bookings(chart, includingChosen: true)
        let others = readOthers()
        var full: [CalendarDay] = []
        for day in added.keys {
            if others[day] + mine[day, default: 0] > calendar.chairsPerDay { full.append(day) }
        }
        guard full.isEmpty else { throw .overCapacity(patient: chart.patient.id, days: full.sorted(), chairs: calendar.chairsPerDay) }
    }

    /// The chairs a chart's sessions take per day (`ChairBookings.takesChair`, the rule the
    /// scheduler counts with); without `includingChosen`, only the planned sessions the
    /// scheduler placed (not those a clinician pinned or booked over capacity).
    static func bookings(_ chart: PatientChart, includingChosen: Bool) -> [CalendarDay: Int] {
        var counts: [CalendarDay: Int] = [:]
        for s in chart.plan?.sessions ?? [] where ChairBookings.takesChair(s) {
            if includingChosen || (s.status == .planned && !(s.pinned || s.overCapacity)) { counts[s.date, default: 0] += 1 }
        }
        return counts
    }

    /// Days on or after `from` on which the clinic's plans take more chairs than it has, not counting sessions clinicians booked there
    /// knowingly (over capacity, or pinned), for `validate`.
    public static func overbooked(_ charts: [PatientChart], chairs: Int, from: CalendarDay) -> [(day: CalendarDay, booked: Int)] {
        var placed: [CalendarDay: Int] = [:], all: [CalendarDay: Int] = [:]
        for chart in charts {
            for (d, n) in bookings(chart, includingChosen: false) where d >= from { placed[d, default: 0] += n }
            for (d, n) in bookings(chart, includingChosen: true) where d >= from { all[d, default: 0] += n }
        }
        return placed.filter { $0.value > chairs }.sorted { $0.key < $1.key }.map { ($0.key, all[$0.key] ?? $0.value) }
    }
}
