import KetaplanEngine

/// What the overview's header line says about the whole clinic (patients, overdue, due in
/// 7 days, critical), kept in the first line of `index.tsv` so that the first screen need
/// not read every line. `day` is the day the counts were judged for; on another day they
/// do not hold and are not shown.
public struct ClinicCounts: Equatable, Sendable {
    public var patients: Int
    public var day: CalendarDay
    public var overdue: Int
    public var dueWithinWeek: Int
    public var critical: Int

    public init(patients: Int, day: CalendarDay, overdue: Int, dueWithinWeek: Int, critical: Int) {
        self.patients = patients
        self.day = day
        self.overdue = overdue
        self.dueWithinWeek = dueWithinWeek
        self.critical = critical
    }

    /// Counts `summaries` for the day they were judged for (the latest `asOf`), with the
    /// same predicates as the overview (`PatientSummary.overdue`, `isDueWithinWeek`).
    public init<Summaries: Collection<PatientSummary>>(_ summaries: Summaries) {
        let day = summaries.map(\.asOf).max() ?? CalendarDay(daysSinceEpoch: 0)
        self.init(patients: summaries.count, day: day, overdue: summaries.count { $0.overdue(before: day) > 0 },
                  dueWithinWeek: summaries.count { $0.isDueWithinWeek(of: day) }, critical: summaries.count { $0.criticalWarnings > 0 })
    }
}
