/// Works out the next maintenance interval from the policy and the patient's scores.
struct MaintenanceSpacing {
    let chart: PatientChart
    let settings: ClinicSettings
    let today: CalendarDay
    /// Every tracked scale read against its baseline, up to today.
    let course: ResponseCourse

    init(chart: PatientChart, settings: ClinicSettings, today: CalendarDay) {
        self.chart = chart
        self.settings = settings
        self.today = today
        course = ResponseCourse(chart: chart, settings: settings, asOf: today)
    }

    struct Interval {
        var days: Int
        var explanation: String
        /// Place the session on or before the target when possible (learned durability).
        var searchEarlierFirst: Bool = false
    }

    /// The interval before the next maintenance session.
    /// - Parameters:
    ///   - stepsAhead: how many maintenance sessions this re-plan has laid out already
    ///     (the taper climbs one rung for each).
    ///   - allowed: the intervals the label allows in this phase (esketamine from week 9:
    ///     7 or 14 days); every policy but an explicit `fixed:N` chooses among them.
    func interval(_ policy: MaintenancePolicy, stepsAhead: Int, allowed: [Int]?) -> Interval {
        var interval: Interval
        switch policy {
        case .fixedInterval(let days):
            // An explicit fixed interval is the clinician's choice; off-label ones are warned.
            return Interval(days: days, explanation: "fixed interval of \(days) days")
        case .taperLadder(let steps):
            interval = taper(steps, stepsAhead: stepsAhead)
        case .adaptive(let a):
            interval = adaptive(a)
        case .learnedDurability(let l):
            interval = learned(l)
        case .onDemand:
            return Interval(days: Int.max / 4, explanation: "on demand")
        }
        if let allowed = allowed?.sorted(), !allowed.isEmpty, !allowed.contains(interval.days) {
            let chosen = allowed.last { $0 <= interval.days } ?? allowed[0]
            interval.explanation += "; the label allows \(allowed.map(String.init).joined(separator: " or ")) days here, so \(chosen)"
            interval.days = chosen
        }
        return interval
    }

    /// The taper's rung: one up after each interval that passed without relapse, one back
    /// after an interval with a relapse (and at once when a relapse is seen since the last dose).
    private func taper(_ steps: [Int], stepsAhead: Int) -> Interval {
        let top = steps.count - 1
        let doses = seriesAndMaintenanceDoses
        var rung = 0
        var lastRelapse: ResponseCourse.Reading?
        var steppedBackFor = 0
        for (i, start) in doses.enumerated() where i + 1 < doses.count {
            if let relapse = course.readings(afterDoseOn: start, beforeDoseOn: doses[i + 1]).first(where: \.isRelapse) {
                rung = max(0, rung - 1)
                lastRelapse = relapse
            } else {
                rung = min(top, rung + 1)
                lastRelapse = nil
            }
        }
        // A relapse since the last dose: the interval running now was too long.
        if let last = doses.last, let relapse = course.readings(afterDoseOn: last, beforeDoseOn: nil).first(where: \.isRelapse) {
            rung = max(0, rung - 1)
            lastRelapse = relapse
            steppedBackFor = 1
            if stepsAhead > 0 { rung = min(top, rung + stepsAhead - 1) }
        } else {
            rung = min(top, rung + stepsAhead)
        }
        let days = steps[rung]
        if let lastRelapse, stepsAhead <= steppedBackFor {
            return Interval(days: days, explanation: "taper stepped back one rung to \(days) days after relapse (\(lastRelapse.label))")
        }
        let where_ = rung >= top ? "last step, kept" : "step \(rung + 1) of \(steps.count)"
        return Interval(days: days, explanation: "taper \(where_): \(days) days")
    }

    /// The last induction (or continuation) dose given and every maintenance dose given
    /// after it, in date order.
    var seriesAndMaintenanceDoses: [CalendarDay] {
        guard let plan = chart.plan, let end = lastNonMaintenanceDose else { return [] }
        return plan.sessions.filter { $0.status == .given && $0.date >= end }.map(\.date).sorted()
    }

    /// Walks the scores since the series ended, in the order taken: one step shorter on
    /// each relapse, one step longer after `lengthenAfterStable` stable scores in a row.
    private func adaptive(_ a: AdaptiveMaintenance) -> Interval {
        var days = a.startDays
        var stableRun = 0
        var lastEvent = "starting interval"
        let since = lastNonMaintenanceDose ?? chart.plan?.startDate ?? today
        for reading in course.readings(afterDoseOn: since, beforeDoseOn: nil) {
            if reading.isRelapse {
                days = max(a.minimumDays, days - a.stepDays)
                stableRun = 0
                lastEvent = "shortened after relapse (\(reading.label))"
            } else if a.stableMeans == .remission ? reading.inRemission : reading.responding {
                stableRun += 1
                if stableRun >= a.lengthenAfterStable {
                    days = min(a.maximumDays, days + a.stepDays)
                    stableRun = 0
                    lastEvent = "lengthened after \(a.lengthenAfterStable) stable scores (last \(reading.label))"
                }
            } else {
                stableRun = 0
            }
        }
        return Interval(days: days, explanation: "score-driven interval \(days) days, \(lastEvent); bounds \(a.minimumDays)-\(a.maximumDays)")
    }

    /// The estimated median time to relapse, less the margin, within bounds.
    private func learned(_ l: LearnedDurability) -> Interval {
        let estimate = DurabilityEstimate(observations: DurabilityEstimate.observations(chart: chart, course: course, today: today), prior: l)
        let days = min(l.maximumDays, max(l.minimumDays, estimate.wholeDays - l.safetyMarginDays))
        return Interval(days: days,
                        explanation: "learned: \(estimate.summary) (population prior \(l.priorMedianDays) days); next in \(days) (\(l.safetyMarginDays)-day margin, bounds \(l.minimumDays)-\(l.maximumDays))",
                        searchEarlierFirst: true)
    }

    /// The series' last dose, once the series is over (no induction or continuation
    /// session still planned): relapses during the series do not move maintenance.
    var lastNonMaintenanceDose: CalendarDay? {
        guard let plan = chart.plan, !plan.sessions.contains(where: { $0.phase != .maintenance && $0.status == .planned }) else { return nil }
        return plan.sessions.filter { $0.phase != .maintenance && $0.status == .given }.map(\.date).max()
    }

    /// For on-demand maintenance: a relapse shown by the latest score of some scale
    /// recorded after the last given dose, or nil when none does.
    func relapseSinceLastDose(lastGiven: CalendarDay) -> ResponseCourse.Reading? {
        var seen: Set<Instrument> = []
        return course.readings(afterDoseOn: lastGiven, beforeDoseOn: nil).reversed()
            .filter { seen.insert($0.assessment.instrument).inserted }
            .first(where: \.isRelapse)
    }
}
