import KetaplanEngine

extension ChairBookings {
    /// Chairs taken by the sessions in `summaries` (`PatientSummary.chairDays`: the rule
    /// of `ChairBookings.takesChair`), leaving out one patient.
    public init(summaries: [PatientSummary], excluding: PatientID?) {
        var counts: [CalendarDay: Int] = [:]
        for summary in summaries where summary.id != excluding {
            for day in summary.chairDays { counts[day, default: 0] += 1 }
        }
        self.init(countByDay: counts)
    }
}

extension PatientSummary {
    /// The days this patient's sessions take a chair on, one entry per chair: its planned
    /// and given sessions, whatever the plan's status (`ChairBookings.takesChair`, of which
    /// this is the same rule read from the summary's lists).
    public var chairDays: [CalendarDay] { planned + given }
}
