import KetaplanEngine

extension ChairBookings {
    /// Chairs taken by the planned sessions in `summaries`, leaving out one patient. Only
    /// planned sessions matter: the engine never places a session before today, and past
    /// days hold no planned sessions that are not overdue.
    public init(summaries: [PatientSummary], excluding: PatientID?) {
        var counts: [CalendarDay: Int] = [:]
        for summary in summaries where summary.id != excluding && summary.isActive {
            for day in summary.planned { counts[day, default: 0] += 1 }
        }
        self.init(countByDay: counts)
    }
}
