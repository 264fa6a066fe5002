/// The rules a day must satisfy to take a session; shared by the scheduler and by the
/// checks on a clinician's manual move, so that both apply exactly the same rules.
public enum SchedulingRules {
    /// Why `day` cannot take a session of `phase` (the first rule it breaks), or nil when
    /// it can.
    ///
    /// - Parameters:
    ///   - occupied: days that already hold a session of this plan (any status).
    ///   - doseDays: days of doses given or planned in this plan, sorted.
    /// - Complexity: O(log n + k) in the number of dose days, k those within a week.
    static func rejection(
        of day: CalendarDay, phase: ProtocolPhase, phaseStart: CalendarDay, occupied: Set<CalendarDay>,
        doseDays: [CalendarDay], preferredWeekdays: [Weekday], context: SchedulingContext, overCapacity: Bool = false
    ) -> SkipReason? {
        var first: SkipReason?
        check(day, phase: phase, phaseStart: phaseStart, occupied: occupied, doseDays: doseDays, preferredWeekdays: preferredWeekdays,
              context: context, overCapacity: overCapacity) { first = $0; return false }
        return first
    }

    /// Every rule `day` breaks for a session of `phase`, in the order they are checked
    /// (a clinician's manual move lists them all, not just the first).
    static func violations(
        of day: CalendarDay, phase: ProtocolPhase, phaseStart: CalendarDay, occupied: Set<CalendarDay>,
        doseDays: [CalendarDay], preferredWeekdays: [Weekday], context: SchedulingContext
    ) -> [SkipReason] {
        var all: [SkipReason] = []
        check(day, phase: phase, phaseStart: phaseStart, occupied: occupied, doseDays: doseDays, preferredWeekdays: preferredWeekdays,
              context: context, overCapacity: false) { all.append($0); return true }
        return all
    }

    /// The rules, once: reports each broken rule to `report` and stops when it returns
    /// false (the scheduler's search needs only the first; a move's check needs all).
    private static func check(
        _ day: CalendarDay, phase: ProtocolPhase, phaseStart: CalendarDay, occupied: Set<CalendarDay>,
        doseDays: [CalendarDay], preferredWeekdays: [Weekday], context: SchedulingContext, overCapacity: Bool,
        report: (SkipReason) -> Bool
    ) {
        if occupied.contains(day), !report(.occupied) { return }
        switch context.calendar.closure(on: day) {
        case .closedDate: if !report(.closedDate) { return }
        case .closedWeekday: if !report(.closedWeekday) { return }
        case nil: break
        }
        if !preferredWeekdays.isEmpty, !preferredWeekdays.contains(day.weekday), !report(.notPreferred) { return }
        let chairs = context.calendar.chairsPerDay
        if !overCapacity, context.bookings[day] >= chairs, !report(.full(chairs)) { return }
        let gap = phase.minimumGap(settings: context.settings)
        let near = doseDays.within(day.adding(days: -7)...day.adding(days: 7))
        if let close = near.first(where: { abs($0.days(to: day)) < gap }) {
            if !report(.tooClose(close, gap: gap)) { return }
        } else if gap > 7, let close = doseDays.first(where: { abs($0.days(to: day)) < gap }) {
            if !report(.tooClose(close, gap: gap)) { return }
        }
        let offset = phaseStart.days(to: day)
        let weekStart = phaseStart.adding(days: offset >= 0 ? (offset / 7) * 7 : -(((-offset) + 6) / 7) * 7)
        if near.filter({ $0 >= weekStart && $0 < weekStart.adding(days: 7) }).count >= phase.sessionsPerWeek {
            if !report(.treatmentWeekFull(phase.sessionsPerWeek)) { return }
        }
        let monday = day.startOfWeek
        if near.filter({ $0 >= monday && $0 < monday.adding(days: 7) }).count >= phase.sessionsPerWeek {
            _ = report(.calendarWeekFull(phase.sessionsPerWeek))
        }
    }
}

extension Array where Element == CalendarDay {
    /// The elements of a sorted array that fall in `range`, found by binary search.
    func within(_ range: ClosedRange<CalendarDay>) -> ArraySlice<CalendarDay> {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < count, self[end] <= range.upperBound { end += 1 }
        return self[low..<end]
    }
}
