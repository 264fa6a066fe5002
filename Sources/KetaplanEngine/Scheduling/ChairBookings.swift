/// How many chairs other patients' sessions already take on each day. The engine checks
/// capacity against it; the caller builds it from the other plans.
public struct ChairBookings: Equatable, Sendable {
    public private(set) var countByDay: [CalendarDay: Int]

    public init(countByDay: [CalendarDay: Int] = [:]) { self.countByDay = countByDay }

    /// Counts the planned and given sessions of `charts`, leaving out the patient
    /// `excluding` (the one being planned).
    public init(charts: [PatientChart], excluding: PatientID?) {
        var counts: [CalendarDay: Int] = [:]
        for chart in charts where chart.patient.id != excluding {
            guard let plan = chart.plan else { continue }
            for session in plan.sessions where session.status.isDose {
                counts[session.date, default: 0] += 1
            }
        }
        countByDay = counts
    }

    /// Chairs taken on `day`.
    public subscript(day: CalendarDay) -> Int { countByDay[day] ?? 0 }

    /// Adds one booking on `day`.
    public mutating func book(_ day: CalendarDay) { countByDay[day, default: 0] += 1 }
}
