import KetaplanEngine
import KetaplanText

extension Reducer {
    /// One booked session on the agenda.
    public struct AgendaRow: Equatable, Sendable {
        public var day: CalendarDay
        public var patient: Int
        public var given: Bool
        public var scoringVisit = false
    }

    /// Sessions planned or given on `day` across every patient, by time then id (the
    /// index keeps each day in that order); with a filter, only matching patients'.
    static func agendaRows(_ state: AppState, day: CalendarDay, filter: String = "") -> [AgendaRow] {
        let needle = SearchFolding.foldedBytes(filter)
        return (state.index.byDay[day] ?? []).compactMap { booking in
            guard needle.isEmpty || state.index.matches(booking.patient, needle) else { return nil }
            return AgendaRow(day: day, patient: booking.patient, given: booking.given, scoringVisit: booking.scoringVisit)
        }
    }

    static func agendaDays(_ a: AgendaState) -> [CalendarDay] {
        a.week ? (0..<7).map { a.day.startOfWeek.adding(days: $0) } : [a.day]
    }

    /// The agenda's lines: each booked session, and in the week view a line for each day
    /// with none; only matching patients' sessions while a filter is typed. The selection
    /// counts booked sessions only.
    static func agendaLines(_ state: AppState, _ a: AgendaState) -> [(day: CalendarDay, row: AgendaRow?)] {
        var lines: [(day: CalendarDay, row: AgendaRow?)] = []
        for day in agendaDays(a) {
            let rows = agendaRows(state, day: day, filter: a.filter)
            if rows.isEmpty, a.week { lines.append((day, nil)) }
            for r in rows { lines.append((day, r)) }
        }
        return lines
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
        case .escape where !a.filter.isEmpty, .ctrl("u"):
            a.filter = ""; a.selected = 0; a.scroll = 0
        case .escape, .char("q"):
            state.screens.removeLast()
            return []
        case .enter:
            guard let row = rows[safe: a.selected] else { return [] }
            let id = state.summaries[row.patient].id
            var view = PatientView(id: id, month: row.day.firstOfMonth)
            view.focusDate = row.day
            state.screens.append(.patient(view))
            return [.loadChart(id)]
        default:
            return []
        }
        return []
    }
}
