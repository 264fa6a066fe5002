/// Works out the next maintenance interval from the policy and the patient's scores.
struct MaintenanceSpacing {
    let chart: PatientChart
    let settings: ClinicSettings
    let today: CalendarDay

    struct Interval {
        var days: Int
        var explanation: String
        /// Place the session on or before the target when possible (learned durability).
        var searchEarlierFirst: Bool = false
    }

    var instrument: Instrument { chart.patient.primaryInstrument }

    var firstSessionDay: CalendarDay? {
        chart.plan?.sessions.first { $0.status == .given }?.date ?? chart.plan?.sessions.first?.date
    }

    /// Response status at a score, against the plan's baseline.
    func status(at assessment: Assessment) -> ResponseStatus? {
        ResponseStatus.of(instrument, in: chart.assessments, asOf: assessment.date, baselineBefore: firstSessionDay, settings: settings)
    }

    func interval(_ policy: MaintenancePolicy, maintenanceIndex k: Int) -> Interval {
        switch policy {
        case .fixedInterval(let days):
            return Interval(days: days, explanation: "fixed interval of \(days) days")
        case .taperLadder(let steps):
            let step = min(k, steps.count - 1)
            let days = steps[step]
            let where_ = k >= steps.count - 1 ? "last step, kept" : "step \(step + 1) of \(steps.count)"
            return Interval(days: days, explanation: "taper \(where_): \(days) days")
        case .adaptive(let a):
            return adaptive(a)
        case .learnedDurability(let l):
            return learned(l)
        case .onDemand:
            return Interval(days: Int.max / 4, explanation: "on demand")
        }
    }

    /// Walks the maintenance-period scores in date order: one step shorter on each
    /// relapse, one step longer after `lengthenAfterStable` stable scores in a row.
    private func adaptive(_ a: AdaptiveMaintenance) -> Interval {
        var days = a.startDays
        var stableRun = 0
        var lastEvent = "starting interval"
        let since = lastNonMaintenanceDose ?? chart.plan?.startDate ?? today
        for score in chart.assessments where score.instrument == instrument && score.date > since && score.date <= today {
            guard let s = status(at: score) else { continue }
            if s.isRelapse {
                days = max(a.minimumDays, days - a.stepDays)
                stableRun = 0
                lastEvent = "shortened after relapse (\(instrument.name) \(score.score) on \(score.date))"
            } else if a.stableMeans == .remission ? s.inRemission : s.responding {
                stableRun += 1
                if stableRun >= a.lengthenAfterStable {
                    days = min(a.maximumDays, days + a.stepDays)
                    stableRun = 0
                    lastEvent = "lengthened after \(a.lengthenAfterStable) stable scores (last \(instrument.name) \(score.score) on \(score.date))"
                }
            } else {
                stableRun = 0
            }
        }
        return Interval(days: days, explanation: "score-driven interval \(days) days, \(lastEvent); bounds \(a.minimumDays)-\(a.maximumDays)")
    }

    /// The median number of days from a given session to the first score showing relapse
    /// before the next session, less the margin, within bounds.
    private func learned(_ l: LearnedDurability) -> Interval {
        let observed = observedDurations()
        guard observed.count >= l.minimumObservations else {
            return Interval(days: l.fallbackDays,
                            explanation: "fallback \(l.fallbackDays) days until \(l.minimumObservations) relapses are observed (\(observed.count) so far)",
                            searchEarlierFirst: true)
        }
        let sorted = observed.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let days = min(l.maximumDays, max(l.minimumDays, median - l.safetyMarginDays))
        let list = sorted.map(String.init).joined(separator: ", ")
        return Interval(days: days,
                        explanation: "learned: relapse seen \(list) days after sessions (median \(median)) less a \(l.safetyMarginDays)-day margin, bounds \(l.minimumDays)-\(l.maximumDays)",
                        searchEarlierFirst: true)
    }

    /// Days from each given session to the first relapse score before the next session.
    func observedDurations() -> [Int] {
        guard let plan = chart.plan else { return [] }
        let given = plan.sessions.filter { $0.status == .given }.map(\.date).sorted()
        var durations: [Int] = []
        for (i, day) in given.enumerated() {
            let next = i + 1 < given.count ? given[i + 1] : today.adding(days: 1)
            let window = chart.assessments.filter { $0.instrument == instrument && $0.date > day && $0.date < next && $0.date <= today }
            if let relapse = window.first(where: { status(at: $0)?.isRelapse == true }) {
                durations.append(day.days(to: relapse.date))
            }
        }
        return durations
    }

    var lastNonMaintenanceDose: CalendarDay? {
        chart.plan?.sessions.filter { $0.phase != .maintenance && $0.status == .given }.map(\.date).max()
    }

    /// For on-demand maintenance: a description of the relapse score dated after the last
    /// dose, or nil when the latest score does not show relapse.
    func relapseSinceLastDose(lastDose: CalendarDay) -> String? {
        let scores = chart.assessments.filter { $0.instrument == instrument && $0.date <= today }
        guard let latest = scores.last, latest.date > lastDose, let s = status(at: latest), s.isRelapse else { return nil }
        return "\(instrument.name) \(latest.score) on \(latest.date) shows relapse (baseline \(s.baseline.score))"
    }
}
