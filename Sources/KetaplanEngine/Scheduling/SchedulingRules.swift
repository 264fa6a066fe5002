/// The rules a day must satisfy to take a session; shared by the scheduler and by the
/// checks on a clinician's manual move, so that both apply exactly the same rules.
public enum SchedulingRules {
    /// Why `day` cannot take a session of `phase`, or nil when it can.
    ///
    /// - Parameters:
    ///   - occupied: days that already hold a session of this plan (any status).
    ///   - doseDays: days of doses given or planned in this plan, sorted.
    /// - Complexity: O(log n + k) in the number of dose days, k those within a week.
    static func rejection(
        of day: CalendarDay, phase: ProtocolPhase, phaseStart: CalendarDay, occupied: Set<CalendarDay>,
        doseDays: [CalendarDay], preferredWeekdays: [Weekday], context: SchedulingContext, overCapacity: Bool = false
    ) -> SkipReason? {
        if occupied.contains(day) { return .occupied }
        switch context.calendar.closure(on: day) {
        case .closedDate: return .closedDate
        case .closedWeekday: return .closedWeekday
        case nil: break
        }
        if !preferredWeekdays.isEmpty, !preferredWeekdays.contains(day.weekday) { return .notPreferred }
        let chairs = context.calendar.chairsPerDay
        if !overCapacity, context.bookings[day] >= chairs { return .full(chairs) }
        let gap = phase.minimumGap(settings: context.settings)
        let near = doseDays.within(day.adding(days: -7)...day.adding(days: 7))
        if let close = near.first(where: { abs($0.days(to: day)) < gap }) {
            return .tooClose(close, gap: gap)
        }
        if gap > 7, let close = doseDays.first(where: { abs($0.days(to: day)) < gap }) {
            return .tooClose(close, gap: gap)
        }
        let offset = phaseStart.days(to: day)
        let weekStart = phaseStart.adding(days: offset >= 0 ? (offset / 7) * 7 : -(((-offset) + 6) / 7) * 7)
        if near.filter({ $0 >= weekStart && $0 < weekStart.adding(days: 7) }).count >= phase.sessionsPerWeek {
            return .treatmentWeekFull(phase.sessionsPerWeek)
        }
        let monday = day.startOfWeek
        if near.filter({ $0 >= monday && $0 < monday.adding(days: 7) }).count >= phase.sessionsPerWeek {
            return .calendarWeekFull(phase.sessionsPerWeek)
        }
        return nil
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
