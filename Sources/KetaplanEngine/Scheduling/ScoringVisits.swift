/// On-demand maintenance plans no dosing sessions, so relapse would only be found by
/// chance: scoring visits (a score, no dose) every `onDemandScoringIntervalDays` from the
/// later of the last dose given and the last tracked score, once the series is over.
public enum ScoringVisits {
    /// The visits from `today` up to `through`, on open days (a visit that falls on a
    /// closed day moves to the next open one); empty unless the plan is active, on demand,
    /// and past its series. The first is today when one is already due.
    public static func days(for chart: PatientChart, calendar: ClinicCalendar, settings: ClinicSettings,
                            today: CalendarDay, through: CalendarDay) -> [CalendarDay] {
        guard let anchor = anchor(for: chart) else { return [] }
        let every = settings.onDemandScoringIntervalDays
        var out: [CalendarDay] = []
        var target = max(anchor.adding(days: every), today)
        let booked = Set((chart.plan?.sessions ?? []).filter { $0.status == .planned }.map(\.date))
        while target <= through, out.count < 60 {
            var day = target
            var guardDays = 0
            while !calendar.isOpen(day), guardDays < 14 { day = day.adding(days: 1); guardDays += 1 }
            if !booked.contains(day) { out.append(day) }
            target = day.adding(days: every)
        }
        return out
    }

    /// The day the visits count from: the later of the last dose given and the last
    /// tracked score; nil when the plan is not active on-demand maintenance past its series.
    public static func anchor(for chart: PatientChart) -> CalendarDay? {
        guard let plan = chart.plan, plan.status == .active, case .onDemand? = plan.maintenancePolicy,
              !plan.sessions.contains(where: { $0.phase != .maintenance && $0.status == .planned }),
              let lastGiven = plan.sessions.filter({ $0.status == .given }).map(\.date).max()
        else { return nil }
        let tracked = chart.patient.trackedInstruments
        let lastScore = chart.assessments.filter { tracked.contains($0.instrument) }.map(\.date).max()
        return max(lastGiven, lastScore ?? lastGiven)
    }
}
