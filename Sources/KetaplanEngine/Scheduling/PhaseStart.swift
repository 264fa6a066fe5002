/// Where a phase starts: the one rule the layout (placing sessions), the checks of a
/// manual move and the safety checker (phases left short) all use.
///
/// The first phase starts at the course start (the first dose given, else the first one
/// planned). Each next phase starts:
/// - after a weeks-long phase: its weeks later, or, when a deferral of one of its
///   sessions carried its sessions past its weeks (the sessions are kept, at the same
///   rate), the week after the last of them;
/// - after a phase of N sessions: the day after its last session that used up one of its
///   places (given, planned or cancelled), or where it started when it has none;
/// - an open-ended phase (maintenance) has no next phase.
public enum PhaseStart {
    /// The day the phase after `phase` starts, given the day `phase` started and its
    /// sessions' days and statuses (recorded and planned alike).
    public static func next(after phase: ProtocolPhase, startedOn start: CalendarDay,
                            sessions: [(date: CalendarDay, status: SessionStatus)]) -> CalendarDay? {
        switch phase.length {
        case .weeks(let weeks):
            var extra = 0
            if sessions.contains(where: { $0.status == .deferred }) {
                let lastWeek = sessions.filter { $0.status.isDose && $0.date >= start }.map { start.days(to: $0.date) / 7 }.max() ?? 0
                extra = max(0, lastWeek - (weeks - 1))
            }
            return start.adding(days: 7 * (weeks + extra))
        case .sessions:
            return sessions.filter { $0.status.consumesPhaseSlot }.map(\.date).max().map { $0.adding(days: 1) } ?? start
        case .openEnded:
            return nil
        }
    }

    /// The first day of each phase of `plan`, by kind.
    public static func days(in plan: Plan) -> [PhaseKind: CalendarDay] {
        var out: [PhaseKind: CalendarDay] = [:]
        var start = plan.courseStart
        for phase in plan.protocolCopy.phases {
            out[phase.kind] = start
            let mine = plan.sessions.filter { $0.phase == phase.kind }.map { (date: $0.date, status: $0.status) }
            guard let next = next(after: phase, startedOn: start, sessions: mine) else { break }
            start = next
        }
        return out
    }
}
