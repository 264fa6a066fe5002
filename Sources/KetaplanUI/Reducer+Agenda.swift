import KetaplanEngine
import KetaplanText

extension Reducer {
    /// One session on the agenda: the day sheet's line for it.
    public struct AgendaRow: Equatable, Sendable {
        public var day: CalendarDay
        public var patient: Int
        public var given: Bool
        public var scoringVisit = false
        /// Recorded as missed, deferred or cancelled (takes no chair).
        public var unkept: SessionStatus? = nil
        /// The chair: sessions that take one are numbered 1, 2, ... in the day's order
        /// (time, then id), before any filter, so a filter never renumbers them. The clinic
        /// books by chairs per day, so a number past the day's chairs is over capacity.
        public var chair: Int? = nil

        /// A planned session: one that can still be recorded or moved.
        public var isPlanned: Bool { !given && !scoringVisit && unkept == nil }
    }

    /// Every session on `day` across every patient, by time then id (the index keeps each
    /// day in that order), with chair numbers; with a filter, only matching patients'.
    static func agendaRows(_ state: AppState, day: CalendarDay, filter: String = "") -> [AgendaRow] {
        let needle = SearchFolding.foldedBytes(filter)
        var chair = 0
        return (state.index.byDay[day] ?? []).compactMap { booking in
            let takesChair = !booking.scoringVisit && booking.unkept == nil
            if takesChair { chair += 1 }
            guard needle.isEmpty || state.index.matches(booking.patient, needle) else { return nil }
            return AgendaRow(day: day, patient: booking.patient, given: booking.given, scoringVisit: booking.scoringVisit,
                             unkept: booking.unkept, chair: takesChair ? chair : nil)
        }
    }

    static func agendaDays(_ a: AgendaState) -> [CalendarDay] {
        a.week ? (0..<7).map { a.day.startOfWeek.adding(days: $0) } : [a.day]
    }

    /// The agenda's lines: in the week view each day opens with a line of its own (its
    /// load: chairs booked of chairs), then its sessions; the day view lists the sessions
    /// alone (its heading carries the load). Only matching patients' sessions while a
    /// filter is typed. The selection counts sessions only.
    static func agendaLines(_ state: AppState, _ a: AgendaState) -> [(day: CalendarDay, row: AgendaRow?)] {
        var lines: [(day: CalendarDay, row: AgendaRow?)] = []
        for day in agendaDays(a) {
            if a.week { lines.append((day, nil)) }
            for r in agendaRows(state, day: day, filter: a.filter) { lines.append((day, r)) }
        }
        return lines
    }

    /// The session the agenda's selection is on.
    static func selectedAgendaRow(_ state: AppState, _ a: AgendaState) -> AgendaRow? {
        agendaDays(a).flatMap { agendaRows(state, day: $0, filter: a.filter) }[safe: a.selected]
    }

    static func agendaKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .agenda(var a) = state.current else { return [] }
        let at = state.screens.count - 1
        defer { if state.screens.indices.contains(at), case .agenda = state.screens[at] { state.screens[at] = .agenda(a) } }
        if a.filtering {
            switch key {
            case .escape: a.filtering = false; a.filter = ""
            case .enter: a.filtering = false
            case .ctrl("u"): a.filter = ""
            case .backspace: if !a.filter.isEmpty { a.filter.removeLast() }
            case .char(let c): a.filter.append(c)
            case .up, .down, .pageUp, .pageDown:
                a.filtering = false
                state.screens[at] = .agenda(a)
                return agendaKey(&state, key)
            default: return []
            }
            a.selected = 0
            a.scroll = 0
            return []
        }
        let step = a.week ? 7 : 1
        let rows = agendaDays(a).flatMap { agendaRows(state, day: $0, filter: a.filter) }
        switch key {
        case .left, .char("h"): a.day = a.day.adding(days: -step); a.selected = 0; a.scroll = 0
        case .right, .char("l"): a.day = a.day.adding(days: step); a.selected = 0; a.scroll = 0
        case .char("t"): a.day = state.today; a.selected = 0; a.scroll = 0
        case .char("w"): a.week.toggle(); a.selected = 0; a.scroll = 0
        case .up, .char("k"): a.selected = max(0, a.selected - 1)
        case .down, .char("j"): a.selected = min(max(0, rows.count - 1), a.selected + 1)
        case .pageUp: a.selected = max(0, a.selected - state.metrics.agendaRows)
        case .pageDown: a.selected = min(max(0, rows.count - 1), a.selected + state.metrics.agendaRows)
        case .home: a.selected = 0
        case .end: a.selected = max(0, rows.count - 1)
        case .char("/"): a.filtering = true; return []
        case .char("C"): return openClinicSettings(&state)
        case .escape where !a.filter.isEmpty, .ctrl("u"):
            a.filter = ""; a.selected = 0; a.scroll = 0
        case .escape, .char("q"):
            state.screens.removeLast()
            return []
        case .enter, .char("r"), .char("s"), .char("m"):
            // Before "no session selected": what stops every one of these keys comes first.
            if refusedOpening(&state) { return [] }
            guard let row = rows[safe: a.selected] else {
                state.message = Message(.info, "No session selected: this day has none" + (a.filter.isEmpty ? "." : " of a matching patient."))
                return []
            }
            return openFromAgenda(&state, row, key: key)
        default:
            return []
        }
        return []
    }

    /// Opens the patient at the agenda row's session; for `r` (record), `s` (score) and `m`
    /// (move) the patient screen's own flow for that session starts once the chart arrives,
    /// so the agenda and the patient screen record, score and move the same way. Recording
    /// and moving need a planned session: otherwise the agenda says why and stays.
    static func openFromAgenda(_ state: inout AppState, _ row: AgendaRow, key: Key) -> [Effect] {
        let s = state.summaries[row.patient]
        if key == .char("r") || key == .char("m") {
            let verb = key == .char("r") ? "recorded" : "moved"
            let what = row.scoringVisit ? "an on-demand scoring visit: s adds its score"
                : row.given ? "given" : row.unkept.map { "recorded as \($0)" } ?? ""
            guard row.isPlanned else {
                state.message = Message(.error, "\(s.id)'s session on \(row.day) is \(what); only a planned session can be \(verb).")
                return []
            }
        }
        var view = PatientView(id: s.id, month: row.day.firstOfMonth)
        view.focusDate = row.day
        if key != .enter { view.then = key }
        state.screens.append(.patient(view))
        return [.loadChart(s.id)]
    }
}
