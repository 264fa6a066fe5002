import KetaplanEngine
import KetaplanRecords

extension ClinicChange {
    /// Which plans a change of the clinic from `old` to `new` can move, told from each
    /// patient's checked summary (its plan's status and its planned and given days) and
    /// the chairs taken per day, so that a change at 100,000 patients reads only the charts
    /// it may re-plan instead of every one.
    ///
    /// A re-plan (`Scheduler.replan`) lays out again every planned session that is not
    /// pinned and not before today, from the calendar (open weekdays, closed dates, chairs
    /// per day), two settings (the weight mg/kg doses are worked out on, and the minimum
    /// gap), those the scores are read against, and the chairs others take. Each session
    /// goes to the first day from where its search starts that every rule allows, so a
    /// plan laid out on the old clinic moves only where a day it was given is no longer
    /// allowed, or where a day its search passed over now is. The changes that only take
    /// days away are told apart from the summaries:
    /// - a closed date: plans with a session planned on it (today or later);
    /// - a weekday no longer open: plans with a session planned on one;
    /// - fewer chairs: plans with a session planned on a day that more patients take than
    ///   the new number of chairs (a plan never competes for a day already full for it,
    ///   and the plans that move off such a day leave it exactly full);
    /// - and with any of these, every plan not yet begun (no session given): the day its
    ///   treatment weeks count from is the first day allowed, which need not hold one of
    ///   its sessions.
    ///
    /// Changes that give days back or change the rules of every session (a date reopened,
    /// a weekday opened, more chairs, the weight basis, the minimum gap) can move any
    /// active plan, so every active plan is a candidate; settings the scheduler does not
    /// read (the REMS certification, blood-pressure and YMRS thresholds, the scoring
    /// interval, the fasting text, names, printers, the time zone, the session time)
    /// re-plan nothing. A candidate is re-planned and saved only when its re-plan changes
    /// something, as before. These are the plans the change itself moves; the plans that
    /// move because one of them gave back a chair on a full day are found as the save goes
    /// (`save(today:basedOn:loadClinic:saveClinic:candidates:unread:bookings:loadChart:saveChart:)`),
    /// and with them the re-plans are those of re-planning every chart
    /// (`ClinicChangeAffectedTests`), for plans that were up to date on the old clinic: a
    /// plan last laid out on an earlier day (its maintenance forecast ends 182 days from
    /// then) that the change does not touch is left as it is, where re-planning every
    /// chart would also have carried its forecast on to today's horizon.
    public struct Affected: Equatable, Sendable {
        /// Every active plan is a candidate.
        public var everyActivePlan: Bool
        /// Dates newly closed.
        public var closedDates: Set<CalendarDay>
        /// Weekdays no longer open.
        public var closedWeekdays: Set<Weekday>
        /// The new number of chairs, when it is fewer.
        public var fewerChairs: Int?
        /// The day sessions before which never move.
        public var today: CalendarDay

        /// What the change from `old` to `new` can move; nil when it re-plans nothing.
        public init?(from old: ClinicFile, to new: ClinicFile, today: CalendarDay) {
            self.today = today
            let was = old.calendar, now = new.calendar
            closedDates = now.closedDates.subtracting(was.closedDates).filter { $0 >= today }
            closedWeekdays = was.openWeekdays.subtracting(now.openWeekdays)
            fewerChairs = now.chairsPerDay < was.chairsPerDay ? now.chairsPerDay : nil
            let givesBack = !was.closedDates.subtracting(now.closedDates).isEmpty || !now.openWeekdays.subtracting(was.openWeekdays).isEmpty
                || now.chairsPerDay > was.chairsPerDay
            everyActivePlan = givesBack || Self.planning(old.settings) != Self.planning(new.settings)
            guard everyActivePlan || !closedDates.isEmpty || !closedWeekdays.isEmpty || fewerChairs != nil else { return nil }
        }

        /// `settings` with those the scheduler never reads set to the defaults: what is left
        /// is what a re-plan depends on.
        static func planning(_ settings: ClinicSettings) -> ClinicSettings {
            var s = settings
            let d = ClinicSettings()
            s.remsCertified = d.remsCertified
            s.hypertensiveUrgencySystolic = d.hypertensiveUrgencySystolic
            s.hypertensiveUrgencyDiastolic = d.hypertensiveUrgencyDiastolic
            s.systolicRiseCaution = d.systolicRiseCaution
            s.ymrsRiseCaution = d.ymrsRiseCaution
            s.onDemandScoringIntervalDays = d.onDemandScoringIntervalDays
            s.fastingInstructions = d.fastingInstructions
            return s
        }

        /// Whether the plan `summary` describes may move: its chart must be read and
        /// re-planned. `taken` gives the chairs taken on a day (every patient counted).
        public func mayReplan(_ summary: PatientSummary, taken: (CalendarDay) -> Int) -> Bool {
            guard summary.isActive else { return false }
            if everyActivePlan || summary.given.isEmpty { return true }
            return summary.planned.contains { day in
                day >= today && (closedDates.contains(day) || closedWeekdays.contains(day.weekday) || fewerChairs.map { taken(day) > $0 } == true)
            }
        }
    }
}
