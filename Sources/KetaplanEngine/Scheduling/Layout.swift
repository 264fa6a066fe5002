/// The working state of one re-plan: the fixed sessions, the sessions placed so far, and
/// the rules a new day must satisfy. Internal to `Scheduler`.
struct Layout {
    /// A session the layout decided on.
    struct Placement: Equatable {
        var date: CalendarDay
        var phaseIndex: Int
        var reason: String
        /// Booked although every chair was taken (the clinician chose over-capacity).
        var overCapacity = false
    }

    let context: SchedulingContext
    let plan: Plan
    let fixed: [Session]
    private(set) var placed: [Placement] = []
    /// Days holding a session of this plan, whatever its status.
    private var occupied: Set<CalendarDay>
    /// Days of doses given or planned (fixed and placed), sorted.
    private var doseDays: [CalendarDay]
    /// No new session before this day: today, the plan's start, and any deferral.
    let earliest: CalendarDay
    /// The day after the latest fixed dose before `earliest` (`searchStart`). This and the
    /// two below are read for every session placed, so they are worked out once from
    /// `fixed` rather than by going through its sessions each time (issue 13: the demo's
    /// histories re-plan a hundred thousand patients a few dozen times each).
    private let afterFixedDoses: CalendarDay?
    /// For each phase (by index), the days of the fixed sessions of its kind that use a
    /// slot of the phase, sorted.
    private let fixedSlotDays: [[CalendarDay]]
    /// The first fixed session given.
    private let firstGiven: CalendarDay?

    init(context: SchedulingContext, plan: Plan, fixed: [Session]) {
        self.context = context
        self.plan = plan
        self.fixed = fixed
        occupied = Set(fixed.map(\.date))
        doseDays = fixed.filter { $0.status.isDose }.map(\.date).sorted()
        let deferral = fixed.compactMap { $0.status == .deferred ? $0.record?.deferredUntil : nil }.max()
        let earliest = [context.today, plan.startDate, deferral].compactMap { $0 }.max()!
        self.earliest = earliest
        var afterDoses: CalendarDay?, firstGiven: CalendarDay?
        for session in fixed {
            if session.status.isDose && session.date < earliest { afterDoses = max(afterDoses ?? session.date, session.date) }
            if session.status == .given { firstGiven = min(firstGiven ?? session.date, session.date) }
        }
        afterFixedDoses = afterDoses.map { $0.adding(days: 1) }
        self.firstGiven = firstGiven
        fixedSlotDays = plan.protocolCopy.phases.map { phase in
            fixed.filter { $0.phase == phase.kind && $0.status.consumesPhaseSlot }.map(\.date).sorted()
        }
    }

    // MARK: Placing every phase

    mutating func placeAll(chart: PatientChart) {
        var phaseStart = courseStart()
        for (index, phase) in plan.protocolCopy.phases.enumerated() {
            switch phase.length {
            case .weeks(let weeks):
                placeWeeks(weeks, phaseIndex: index, phaseStart: phaseStart)
            case .sessions(let count):
                placeSessions(count, phaseIndex: index, phaseStart: phaseStart)
            case .openEnded:
                if phase.kind == .maintenance, let policy = plan.maintenancePolicy {
                    placeMaintenance(policy, phaseIndex: index, phaseStart: phaseStart, chart: chart)
                }
            }
            // The next phase starts where `PhaseStart` says, from this phase's fixed and
            // newly placed sessions (the same rule move checks and warnings use).
            let mine = fixed.filter { $0.phase == phase.kind }.map { (date: $0.date, status: $0.status) }
                + placed.filter { $0.phaseIndex == index }.map { (date: $0.date, status: SessionStatus.planned) }
            guard let next = PhaseStart.next(after: phase, startedOn: phaseStart, sessions: mine) else { break }
            phaseStart = next
        }
    }

    /// The day treatment weeks count from: the first dose given; before one is given, the
    /// first day a dose can go, so a deferred or missed first dose moves every week with it
    /// (Spravato PI: weeks 1-4 are the first four weeks of treatment).
    func courseStart() -> CalendarDay {
        if let firstGiven { return firstGiven }
        let candidate = firstFreeDay(from: earliest, before: earliest.adding(days: Scheduler.searchLimitDays), phaseIndex: 0, phaseStart: earliest).day
        return ([candidate] + [fixed.filter { $0.status.isDose }.map(\.date).min()]).compactMap { $0 }.min() ?? plan.startDate
    }

    /// A weeks-long phase: up to `sessionsPerWeek` in each treatment week, inside the
    /// phase's window; a session missed in a week is made up in that week if it can be.
    /// When a deferral of one of its sessions leaves its weeks too few days, the phase keeps
    /// its sessions: they go on in the weeks after, at the same rate (the plan's
    /// `inductionStretched` warning says so), and the next phase starts after them
    /// (`PhaseStart`).
    private mutating func placeWeeks(_ weeks: Int, phaseIndex: Int, phaseStart: CalendarDay) {
        let phase = plan.protocolCopy.phases[phaseIndex]
        let target = weeks * phase.sessionsPerWeek
        // Sessions of the phase that a clinician pinned outside its window still count
        // towards its total, so moving one later never makes the engine add another.
        var remaining = target - fixedSlotDays[phaseIndex].count
        let deferred = fixed.contains { $0.phase == phase.kind && $0.status == .deferred }
        // Up to as many weeks again when a deferral would otherwise drop sessions.
        for week in 0..<(deferred ? 2 * weeks : weeks) where remaining > 0 {
            let weekStart = phaseStart.adding(days: 7 * week)
            let weekEnd = weekStart.adding(days: 7)
            let had = consumed(phaseIndex: phaseIndex, in: weekStart..<weekEnd)
            guard had < phase.sessionsPerWeek else { continue }
            for _ in had..<min(phase.sessionsPerWeek, had + remaining) {
                let from = searchStart(phaseIndex: phaseIndex, notBefore: weekStart)
                guard from < weekEnd else { break }
                let search = firstFreeDay(from: from, before: weekEnd, phaseIndex: phaseIndex, phaseStart: phaseStart)
                guard let day = search.day else { break }
                let number = sessionNumber(in: phaseIndex, before: day) + 1
                var anchor = "treatment week \(week + 1) of \(weeks) (\(weekStart.shortLabel) to \(weekEnd.adding(days: -1).shortLabel)), at most \(phase.sessionsPerWeek) a week"
                if week >= weeks {
                    anchor = "treatment week \(week + 1), past the \(weeks) weeks: a deferral left them too few days, and the \(phase.kind) keeps its \(target) sessions; at most \(phase.sessionsPerWeek) a week"
                }
                place(day, phaseIndex: phaseIndex, reason: describe(phase.kind, number, of: target, day, anchor: anchor + gapPhrase(before: day, phaseIndex: phaseIndex), skipped: search.skipped))
                remaining -= 1
            }
        }
    }

    /// A phase of N sessions: placed one after another at the earliest day the rules allow.
    private mutating func placeSessions(_ count: Int, phaseIndex: Int, phaseStart: CalendarDay) {
        let phase = plan.protocolCopy.phases[phaseIndex]
        let have = fixedSlotDays[phaseIndex].count
        guard have < count else { return }
        for _ in have..<count {
            let from = searchStart(phaseIndex: phaseIndex, notBefore: phaseStart)
            let search = firstFreeDay(from: from, before: from.adding(days: Scheduler.searchLimitDays), phaseIndex: phaseIndex, phaseStart: phaseStart)
            guard let day = search.day else { return }
            let number = sessionNumber(in: phaseIndex, before: day) + 1
            let anchor: String
            if let previous = doseDays.last(where: { $0 < day }) {
                anchor = "\(previous.days(to: day)) days after the previous dose on \(previous.shortLabel) (minimum gap \(phase.minimumGap(settings: context.settings)) days, at most \(phase.sessionsPerWeek) a week)"
            } else if day == plan.startDate {
                anchor = "the plan's start date"
            } else {
                anchor = "first free day from \(from.shortLabel)"
            }
            place(day, phaseIndex: phaseIndex, reason: describe(phase.kind, number, of: count, day, anchor: anchor, skipped: search.skipped))
        }
    }

    /// Maintenance up to the horizon, spaced by the patient's policy.
    private mutating func placeMaintenance(_ policy: MaintenancePolicy, phaseIndex: Int, phaseStart: CalendarDay, chart: PatientChart) {
        let phase = plan.protocolCopy.phases[phaseIndex]
        let gap = phase.minimumGap(settings: context.settings)
        let maintenanceFixed = fixed.filter { $0.phase == .maintenance && $0.status.consumesPhaseSlot }
        var pending = maintenanceFixed.filter { $0.date >= earliest && $0.status.isDose }.map(\.date).sorted()
        var index = maintenanceFixed.filter { $0.date < earliest }.count
        let pendingSet = Set(pending)
        guard var last = doseDays.filter({ !pendingSet.contains($0) }).max() else { return }
        let horizon = context.horizon
        let spacing = MaintenanceSpacing(chart: chart, settings: context.settings, today: context.today)

        let allowed = phase.allowedIntervalsDays
        if case .onDemand = policy {
            // Only a dose actually given anchors on-demand care: a past booster never
            // recorded is not a dose.
            guard let lastGiven = fixed.filter({ $0.status == .given }).map(\.date).max(),
                  let trigger = spacing.relapseSinceLastDose(lastGiven: lastGiven), pending.isEmpty
            else { return }
            var from = max(earliest, lastGiven.adding(days: gap), phaseStart)
            var anchor = "booster proposed on demand: \(trigger.label) shows relapse (baseline \(trigger.baseline.score))"
            if let allowed = allowed?.sorted(), let days = allowed.first(where: { lastGiven.adding(days: $0) >= from }) {
                from = lastGiven.adding(days: days)
                anchor += "; \(days) days after the dose on \(lastGiven.shortLabel), as the label allows \(allowed.map(String.init).joined(separator: " or ")) days here"
            }
            let search = firstFreeDay(from: from, before: from.adding(days: Scheduler.searchLimitDays), phaseIndex: phaseIndex, phaseStart: phaseStart)
            guard let day = search.day else { return }
            place(day, phaseIndex: phaseIndex, reason: describe(.maintenance, index + 1, of: nil, day, anchor: anchor, skipped: search.skipped))
            return
        }

        // Sessions laid out ahead of the last given dose so far (the taper climbs a rung for each).
        var stepsAhead = 0
        let givenDays = Set(fixed.filter { $0.status == .given }.map(\.date))
        // Only a taper's interval depends on how far ahead the session is; the others
        // depend on the chart alone, so they are worked out once per re-plan.
        var chartInterval: MaintenanceSpacing.Interval?
        while true {
            var interval = chartInterval ?? spacing.interval(policy, stepsAhead: stepsAhead, allowed: allowed)
            if !policy.isTaper { chartInterval = interval }
            if let allowed = allowed?.sorted(), !policy.isFixedInterval, last.adding(days: interval.days) < earliest,
               let later = allowed.first(where: { $0 > interval.days && last.adding(days: $0) >= earliest }) {
                // The chosen interval's day has passed: the next one the label allows.
                interval.explanation += "; \(interval.days) days from \(last.shortLabel) has passed, so \(later), the next the label allows"
                interval.days = later
            }
            let target = max(last.adding(days: interval.days), phaseStart)
            let from = max(target, earliest)
            if let next = pending.first, next <= from {
                // A fixed maintenance session (pinned, or given today) comes first; the
                // rhythm continues from it.
                last = next
                pending.removeFirst()
                index += 1
                if !givenDays.contains(next) { stepsAhead += 1 }
                continue
            }
            if from > horizon { return }
            var search = SearchResult(day: nil, skipped: [])
            if let allowed = allowed?.sorted(), !policy.isFixedInterval {
                // The label's intervals exactly: the chosen one, else the next it allows;
                // only when neither day is free does the search go on (and a warning says so).
                for days in allowed where days >= interval.days && max(last.adding(days: days), phaseStart) >= earliest {
                    let candidate = max(last.adding(days: days), phaseStart)
                    if let why = rejection(of: candidate, phaseIndex: phaseIndex, phaseStart: phaseStart) {
                        search.skipped.append((candidate, why))
                        continue
                    }
                    if days != interval.days {
                        interval.explanation += "; \(last.adding(days: interval.days).shortLabel) was not free, so \(days), the next the label allows"
                        interval.days = days
                    }
                    search.day = candidate
                    break
                }
            } else if interval.searchEarlierFirst {
                // Too late is worse than too early when the interval is the patient's
                // time to relapse: look back towards the previous dose first.
                search = firstFreeDay(from: from, backTo: max(last.adding(days: gap), earliest, phaseStart), phaseIndex: phaseIndex, phaseStart: phaseStart)
            }
            if search.day == nil {
                let forward = firstFreeDay(from: from, before: from.adding(days: Scheduler.searchLimitDays), phaseIndex: phaseIndex, phaseStart: phaseStart)
                search = SearchResult(day: forward.day, skipped: search.skipped + forward.skipped)
            }
            guard let day = search.day, day <= horizon else { return }
            if let next = pending.first, next <= day {
                last = next
                pending.removeFirst()
                index += 1
                if !givenDays.contains(next) { stepsAhead += 1 }
                continue
            }
            // The reason gives the day's real distance from the dose; when the search moved
            // it off the interval's own day (closed or full), it says so.
            let actual = last.days(to: day)
            let anchor = actual == interval.days
                ? "\(interval.days) days after the dose on \(last.shortLabel): \(interval.explanation)"
                : "\(actual) days after the dose on \(last.shortLabel), the nearest free day to the \(interval.days) days wanted (\(interval.explanation))"
            place(day, phaseIndex: phaseIndex, reason: describe(.maintenance, index + 1, of: nil, day, anchor: anchor, skipped: search.skipped))
            last = day
            index += 1
            stepsAhead += 1
        }
    }

    // MARK: Rules for a single day

    struct SearchResult {
        var day: CalendarDay?
        var skipped: [(CalendarDay, SkipReason)]
    }

    /// The first day in `from..<limit` that every rule allows.
    func firstFreeDay(from: CalendarDay, before limit: CalendarDay, phaseIndex: Int, phaseStart: CalendarDay) -> SearchResult {
        var skipped: [(CalendarDay, SkipReason)] = []
        var day = from
        while day < limit {
            if let why = rejection(of: day, phaseIndex: phaseIndex, phaseStart: phaseStart) {
                skipped.append((day, why))
            } else {
                return SearchResult(day: day, skipped: skipped)
            }
            day = day.adding(days: 1)
        }
        return SearchResult(day: nil, skipped: skipped)
    }

    /// The latest day in `lowest...from` that every rule allows, searching backwards.
    func firstFreeDay(from: CalendarDay, backTo lowest: CalendarDay, phaseIndex: Int, phaseStart: CalendarDay) -> SearchResult {
        var skipped: [(CalendarDay, SkipReason)] = []
        var day = from
        while day >= lowest {
            if let why = rejection(of: day, phaseIndex: phaseIndex, phaseStart: phaseStart) {
                skipped.append((day, why))
            } else {
                return SearchResult(day: day, skipped: skipped)
            }
            day = day.adding(days: -1)
        }
        return SearchResult(day: nil, skipped: skipped)
    }

    /// Why `day` cannot take a session of the phase, or nil when it can.
    func rejection(of day: CalendarDay, phaseIndex: Int, phaseStart: CalendarDay) -> SkipReason? {
        // A day a clinician moved a session off stays free: the patient cannot come then.
        if plan.vacatedDays.contains(day) { return .vacated }
        let phase = plan.protocolCopy.phases[phaseIndex]
        return SchedulingRules.rejection(
            of: day, phase: phase, phaseStart: phaseStart, occupied: occupied, doseDays: doseDays,
            preferredWeekdays: plan.preferredWeekdays, context: context, overCapacity: overCapacity(phaseIndex))
    }

    // MARK: Book-keeping

    /// Where the search for a phase's next session begins: not before `notBefore` or
    /// `earliest`, and after the latest dose already laid out (sessions are placed in
    /// order). Pinned sessions ahead of `earliest` do not count: the rules keep new
    /// sessions clear of them, and the days before them stay usable.
    private func searchStart(phaseIndex: Int, notBefore: CalendarDay) -> CalendarDay {
        var start = max(notBefore, earliest)
        if let afterFixedDoses { start = max(start, afterFixedDoses) }
        for placement in placed where placement.phaseIndex <= phaseIndex { start = max(start, placement.date.adding(days: 1)) }
        return start
    }

    /// Whether the clinician chose to book this phase over capacity (the induction only).
    func overCapacity(_ phaseIndex: Int) -> Bool {
        plan.bookOverCapacity && plan.protocolCopy.phases[phaseIndex].kind == .induction
    }

    private mutating func place(_ day: CalendarDay, phaseIndex: Int, reason: String) {
        let full = overCapacity(phaseIndex) && context.bookings[day] >= context.calendar.chairsPerDay
        placed.append(Placement(date: day, phaseIndex: phaseIndex,
                                reason: full ? reason + "; booked over capacity (all \(context.calendar.chairsPerDay) chairs taken), by the clinician's choice" : reason,
                                overCapacity: full))
        occupied.insert(day)
        let at = doseDays.firstIndex { $0 > day } ?? doseDays.endIndex
        doseDays.insert(day, at: at)
    }

    /// Sessions of the phase that use a slot in `range` (fixed and placed).
    private func consumed(phaseIndex: Int, in range: Range<CalendarDay>) -> Int {
        return fixedSlotDays[phaseIndex].count(where: { range.contains($0) })
            + placed.count(where: { $0.phaseIndex == phaseIndex && range.contains($0.date) })
    }

    /// How many of the phase's slot-using sessions fall before `day`.
    private func sessionNumber(in phaseIndex: Int, before day: CalendarDay) -> Int {
        return fixedSlotDays[phaseIndex].count(where: { $0 < day })
            + placed.count(where: { $0.phaseIndex == phaseIndex && $0.date < day })
    }

    private func gapPhrase(before day: CalendarDay, phaseIndex: Int) -> String {
        guard let previous = doseDays.last(where: { $0 < day }) else { return "" }
        let gap = plan.protocolCopy.phases[phaseIndex].minimumGap(settings: context.settings)
        return "; \(previous.days(to: day)) days after the previous dose on \(previous.shortLabel) (minimum gap \(gap))"
    }

    /// "Induction 3 of 8 on Thursday: <anchor>; passed over Tue 2026-01-06 (clinic closed), ..."
    private func describe(_ kind: PhaseKind, _ number: Int, of total: Int?, _ day: CalendarDay, anchor: String, skipped: [(CalendarDay, SkipReason)]) -> String {
        var text = "\(kind.title) \(number)\(total.map { " of \($0)" } ?? "") on \(day.weekday.name): \(anchor)"
        let previous = doseDays.last { $0 < day }
        let telling = skipped.filter { entry in
            if case .tooClose(let other, _) = entry.1, other == previous { return false }
            return true
        }
        let shown = telling.prefix(4).map { "\($0.0.shortLabel) (\($0.1.text))" }
        if !shown.isEmpty {
            text += "; passed over " + shown.joined(separator: ", ")
            if telling.count > shown.count { text += " and \(telling.count - shown.count) more" }
        }
        return text
    }
}
