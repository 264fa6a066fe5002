/// A phase that closures or full chairs stretch past its protocol's window (or, for a
/// weeks-counted phase, leave short of its sessions). `plan new` and the new-plan form
/// show it before saving; the plan carries it as a warning; the clinician accepts it or
/// books over capacity.
public struct PhaseStretch: Equatable, Sendable {
    public var phase: PhaseKind
    public var window: PhaseWindow
    /// From the phase's start (the plan's start date for the first phase, so a series
    /// that starts late counts too; else its first dose) to its last dose, both counted.
    public var spanDays: Int
    public var from: CalendarDay
    public var sessions: Int
    public var target: Int
    public var closedDays: [CalendarDay]
    public var fullDays: [CalendarDay]

    /// "induction laid over 25 days, longer than this protocol allows (12 days, at most
    /// 16): clinic closed 2025-12-25, ...; all chairs booked 2025-12-29".
    public var message: String {
        var text: String
        if sessions < target {
            text = "\(phase) has \(sessions) of its \(target) sessions in its \(window.maximumDays) days"
        } else {
            text = "\(phase) laid over \(spanDays) days from \(from), longer than this protocol allows (\(window.usualDays) days, at most \(window.maximumDays))"
        }
        var why: [String] = []
        if !closedDays.isEmpty { why.append("clinic closed " + Self.list(closedDays)) }
        if !fullDays.isEmpty { why.append("all chairs booked " + Self.list(fullDays)) }
        if !why.isEmpty { text += ": " + why.joined(separator: "; ") }
        return text
    }

    static func list(_ days: [CalendarDay]) -> String {
        days.prefix(4).map(\.iso).joined(separator: ", ") + (days.count > 4 ? " and \(days.count - 4) more" : "")
    }
}

extension Scheduler {
    /// The phases of `plan` stretched past their window (or short of their sessions),
    /// with the closed and full days inside them.
    public func stretchedPhases(_ plan: Plan) -> [PhaseStretch] {
        var out: [PhaseStretch] = []
        for (index, phase) in plan.protocolCopy.phases.enumerated() {
            guard let window = phase.window else { continue }
            let doses = plan.sessions.filter { $0.phase == phase.kind && $0.status.isDose }.map(\.date).sorted()
            guard let firstDose = doses.first, let last = doses.last else { continue }
            let first = index == 0 ? min(firstDose, plan.startDate) : firstDose
            let target: Int
            switch phase.length {
            case .sessions(let n): target = n
            case .weeks(let w): target = w * phase.sessionsPerWeek
            case .openEnded: continue
            }
            let span = first.days(to: last) + 1
            guard span > window.maximumDays || doses.count < target else { continue }
            let end = max(last, first.adding(days: window.maximumDays - 1))
            var closed: [CalendarDay] = [], full: [CalendarDay] = []
            var day = first
            while day <= end {
                if context.calendar.closure(on: day) == .closedDate { closed.append(day) }
                else if context.calendar.isOpen(day), context.bookings[day] >= context.calendar.chairsPerDay { full.append(day) }
                day = day.adding(days: 1)
            }
            out.append(PhaseStretch(phase: phase.kind, window: window, spanDays: span, from: first, sessions: doses.count, target: target,
                                    closedDays: closed, fullDays: full))
        }
        return out
    }

    /// Why `preferred` cannot give `phase` its sessions per week at its minimum gap, with
    /// days that would (preferring the patient's own); nil when they can (or when no
    /// choice of the clinic's open days could).
    public func preferredDaysProblem(_ preferred: [Weekday], phase: ProtocolPhase) -> [Weekday]? {
        let n = phase.sessionsPerWeek
        let gap = phase.minimumGap(settings: context.settings)
        let open = Weekday.allCases.filter { context.calendar.openWeekdays.contains($0) }
        guard !preferred.isEmpty, n > 1 || preferred.allSatisfy({ !open.contains($0) }) else { return nil }
        func works(_ days: [Weekday]) -> Bool {
            guard days.count >= n else { return false }
            return Self.subsets(of: days, size: n).contains { Self.cyclicGapsAtLeast(gap, $0) }
        }
        let usable = preferred.filter { open.contains($0) }.sorted()
        if works(usable) { return nil }
        let options = Self.subsets(of: open, size: n).filter { Self.cyclicGapsAtLeast(gap, $0) }
        return options.max { a, b in
            let pa = a.filter(preferred.contains).count, pb = b.filter(preferred.contains).count
            return pa != pb ? pa < pb : a.map(\.rawValue).lexicographicallyPrecedes(b.map(\.rawValue)) == false
        }
    }

    static func subsets(of days: [Weekday], size: Int) -> [[Weekday]] {
        guard size > 0 else { return [[]] }
        guard days.count >= size else { return [] }
        var out: [[Weekday]] = []
        for (i, d) in days.enumerated() {
            for rest in subsets(of: Array(days[(i + 1)...]), size: size - 1) { out.append([d] + rest) }
        }
        return out
    }

    /// Whether weekly repeats of `days` (sorted) are at least `gap` days apart, across the weekend too.
    static func cyclicGapsAtLeast(_ gap: Int, _ days: [Weekday]) -> Bool {
        let r = days.map(\.rawValue).sorted()
        guard r.count > 1 else { return true }
        for (a, b) in zip(r, r.dropFirst()) where b - a < gap { return false }
        return 7 - r.last! + r.first! >= gap
    }
}
