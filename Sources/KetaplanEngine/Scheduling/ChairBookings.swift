/// How many chairs other patients' sessions already take on each day. The engine checks
/// capacity against it; the caller builds it from the other plans.
public struct ChairBookings: Equatable, Sendable {
    public private(set) var countByDay: [CalendarDay: Int]

    public init(countByDay: [CalendarDay: Int] = [:]) { self.countByDay = countByDay }

    /// Counts the chairs `charts` take (`takesChair`), leaving out the patient `excluding`
    /// (the one being planned).
    public init(charts: [PatientChart], excluding: PatientID?) {
        var counts: [CalendarDay: Int] = [:]
        for chart in charts where chart.patient.id != excluding {
            for day in ChairBookings.chairDays(of: chart.plan) { counts[day, default: 0] += 1 }
        }
        countByDay = counts
    }

    /// The one rule for what takes a chair, which every count of chairs uses (the
    /// scheduler's, the save's check under the lock, `validate`, the agenda's, `clinic
    /// set`'s re-plan): a session takes a chair on its day when it is planned or given,
    /// whatever the plan's status. A given session took its chair, so recording today's
    /// dose never frees a chair for someone else today; missed, deferred and cancelled
    /// sessions take none. A plan that leaves `active` has its planned sessions from that
    /// day on taken off (`Scheduler.setStatus`), so its chairs are freed by that, not by
    /// a second rule; what stays planned there is overdue and cannot compete with a
    /// session placed today or later.
    public static func takesChair(_ session: Session) -> Bool { session.status == .planned || session.status == .given }

    /// The days `plan`'s sessions take a chair on, one entry per chair.
    public static func chairDays(of plan: Plan?) -> [CalendarDay] {
        (plan?.sessions ?? []).filter(takesChair).map(\.date)
    }

    /// Chairs taken on `day`.
    public subscript(day: CalendarDay) -> Int { countByDay[day] ?? 0 }

    /// Adds one booking on `day`.
    public mutating func book(_ day: CalendarDay) { countByDay[day, default: 0] += 1 }
}
