import KetaplanEngine
import KetaplanText

extension Renderer {
    static func agenda(_ buf: inout ScreenBuffer, _ state: AppState, _ a: AgendaState) {
        let g = state.glyphs
        let days = Reducer.agendaDays(a)
        let chairs = state.clinic.calendar.chairsPerDay
        let heading: String
        if a.week {
            heading = "Week of \(days[0].shortLabel) to \(days[6].shortLabel)"
        } else {
            let n = state.index.byDay[a.day]?.filter { !$0.scoringVisit }.count ?? 0
            let closed = state.clinic.calendar.closure(on: a.day) != nil
            heading = "\(a.day.weekday.name) \(a.day)\(a.day == state.today ? " (today)" : "") \(g.bullet) \(n) of \(Plural.count(chairs, "chair")) booked" + (closed ? " \(g.bullet) CLOSED" : "")
        }
        buf.put(" " + heading, x: 0, y: 1, style: .heading)
        if a.filtering || !a.filter.isEmpty {
            let n = days.reduce(0) { $0 + Reducer.agendaRows(state, day: $1, filter: a.filter).count }
            let f = " Filter: \(g.safe(a.filter))\(a.filtering ? "_" : "")  (\(n) session\(n == 1 ? "" : "s"))"
            buf.fill(x: 0, y: 1, width: buf.width, style: .normal)
            buf.put(f, x: 0, y: 1, style: Style(.accent, bold: true))
        }
        let columns = layout([Column(title: "DAY", width: 14), Column(title: "TIME", width: 5), Column(title: "ID", width: 7),
                              Column(title: "NAME", width: 0), Column(title: "PROTOCOL", width: 18), Column(title: "STATUS", width: 7),
                              Column(title: "CHAIRS", width: 9)],
                             total: buf.width - 2)
        row(&buf, y: 2, x: 1, columns: columns, cells: columns.map(\.title), base: .heading)
        buf.line(y: 3, glyph: g.horizontal)
        let entries = Reducer.agendaLines(state, a)
        var counts: [CalendarDay: Int] = [:]
        // Scoring visits take no chair; a filter does not free any.
        for day in days { counts[day] = Reducer.agendaRows(state, day: day).filter { !$0.scoringVisit }.count }
        let page = state.metrics.agendaRows
        if entries.isEmpty { buf.put(a.filter.isEmpty ? " No sessions booked on this day." : " No session of a matching patient on this day.", x: 0, y: 4, style: .muted) }
        // The selection counts booked sessions only; the reducer keeps its line in view.
        let selectedLine = entries.indices.filter { entries[$0].row != nil }[safe: a.selected] ?? 0
        let first = a.scroll
        for (offset, entry) in entries.dropFirst(first).prefix(page).enumerated() {
            let (day, patient) = entry
            let i = first + offset
            let y = 4 + offset
            let count = counts[day] ?? 0
            let firstOfDay = i == first || entries[i - 1].0 != day
            let dayText = firstOfDay ? "\(day.weekday.abbreviation) \(day.iso)" : ""
            let chairsText = firstOfDay ? "\(count)/\(chairs)" + (count >= chairs ? " full" : "") : ""
            guard let booking = patient else {
                let closed = state.clinic.calendar.closure(on: day) != nil
                row(&buf, y: y, x: 1, columns: columns, cells: [dayText, "", "", closed ? "closed" : a.filter.isEmpty ? "no sessions" : "no match", "", "", chairsText], base: .muted)
                continue
            }
            let s = state.summaries[booking.patient]
            let selected = i == selectedLine
            // A held session keeps its chair but is not an appointment until the hold lifts.
            let held = !booking.given && !booking.scoringVisit && s.held.contains(day)
            let over = !booking.given && !booking.scoringVisit && s.overCapacity.contains(day)
            let status = booking.scoringVisit ? "score" : booking.given ? "given" : held ? "ON HOLD" : over ? "OVERCAP" : "planned"
            if selected { buf.fill(x: 0, y: y, width: buf.width, style: .selected) }
            row(&buf, y: y, x: 1, columns: columns,
                cells: [dayText, s.time?.description ?? "", s.id.rawValue, g.safe(s.name), s.protocolID?.rawValue ?? "", status, chairsText],
                styles: [.normal, .normal, .normal, .normal, .muted, booking.given ? .good : held ? .critical : over ? .caution : .normal, count >= chairs ? .caution : .normal],
                base: selected ? .selected : .normal)
        }
    }
}
