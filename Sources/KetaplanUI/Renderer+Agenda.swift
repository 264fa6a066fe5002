import KetaplanEngine
import KetaplanRecords
import KetaplanText

extension Renderer {
    /// The agenda's flags: a letter for each thing the day's team must see before the
    /// patient sits down, so colour is never the only sign. ! critical warning, H on hold,
    /// F REMS form due, 1 first dose, S screening incomplete.
    static func agendaFlags(_ s: PatientSummary, _ row: Reducer.AgendaRow) -> String {
        let firstDose = row.given ? s.given.first == row.day : row.isPlanned && s.given.isEmpty && s.planned.first == row.day
        var f = ""
        f += s.criticalWarnings > 0 ? "!" : " "
        f += s.isHeld || (row.isPlanned && s.held.contains(row.day)) ? "H" : " "
        f += s.formsDue.isEmpty ? " " : "F"
        f += firstDose ? "1" : " "
        f += s.screeningComplete ? " " : "S"
        return f
    }

    /// What each letter of the agenda's FLAGS column means.
    static let agendaLegend = ["! critical", "H on hold", "F REMS form due", "1 first dose", "S screening incomplete"]

    /// The agenda's columns at `width` cells. Where the name would get too narrow the
    /// protocol gives way first: time, chair, flags, status stay (the day sheet's facts).
    static func agendaColumns(width: Int) -> [Column] {
        var columns = [Column(title: "TIME", width: 5), Column(title: "CHAIR", width: 5), Column(title: "FLAGS", width: 5),
                       Column(title: "ID", width: 7), Column(title: "NAME", width: 0), Column(title: "PROTOCOL", width: 18),
                       Column(title: "STATUS", width: 9)]
        let fixed = columns.reduce(0) { $0 + $1.width } + columns.count - 1
        if width - fixed < 12 { columns.removeAll { $0.title == "PROTOCOL" } }
        return layout(columns, total: width)
    }

    static func agenda(_ buf: inout ScreenBuffer, _ state: AppState, _ a: AgendaState) {
        let g = state.glyphs
        let days = Reducer.agendaDays(a)
        let chairs = state.clinic.calendar.chairsPerDay
        // Scoring visits and missed, deferred or cancelled sessions take no chair; a
        // filter frees none.
        func booked(_ day: CalendarDay) -> Int { state.index.bookings[day] ?? 0 }
        func load(_ day: CalendarDay) -> String {
            // Default chairs are not the clinic's: say why there are none to count.
            if state.clinicProblem != nil { return "chairs unknown: clinic.json could not be read" }
            if state.clinic.calendar.closure(on: day) != nil { return "CLOSED" + (booked(day) > 0 ? " (\(booked(day)) booked)" : "") }
            return "\(booked(day)) of \(Plural.count(chairs, "chair")) booked" + (booked(day) >= chairs ? " (full)" : "")
        }
        var heading: String
        if a.week {
            let total = days.reduce(0) { $0 + booked($1) }
            heading = "Week of \(days[0].shortLabel) to \(days[6].shortLabel) \(g.bullet) \(total) booked"
        } else {
            heading = "\(a.day.weekday.name) \(a.day)\(a.day == state.today ? " (today)" : "") \(g.bullet) \(load(a.day))"
        }
        // Known out of date (midnight passed, many files changed) until the rebuilt index comes.
        if case .refreshing = state.load { heading += "   (" + refreshNote(state) + ")" }
        buf.put(" " + heading, x: 0, y: 1, style: .heading, maxWidth: buf.width)
        if a.filtering || !a.filter.isEmpty {
            let n = days.reduce(0) { $0 + Reducer.agendaRows(state, day: $1, filter: a.filter).count }
            let f = " Filter: \(g.safe(a.filter))\(a.filtering ? "_" : "")  (\(n) session\(n == 1 ? "" : "s"))"
            buf.fill(x: 0, y: 1, width: buf.width, style: .normal)
            buf.put(f, x: 0, y: 1, style: Style(.accent, bold: true))
        }
        let columns = agendaColumns(width: buf.width - 2)
        row(&buf, y: 2, x: 1, columns: columns, cells: columns.map(\.title), base: .heading, ascii: g.ascii)
        buf.line(y: 3, glyph: g.horizontal)
        let entries = Reducer.agendaLines(state, a)
        let page = state.metrics.agendaRows
        if entries.isEmpty {
            let closed = state.clinic.calendar.closure(on: a.day) != nil
            buf.put(!a.filter.isEmpty ? " No session of a matching patient on this day." : closed ? " The clinic is closed on this day." : " No sessions booked on this day.",
                    x: 0, y: 4, style: .muted)
        }
        // The selection counts sessions only; the reducer keeps its line in view.
        let selectedLine = entries.indices.filter { entries[$0].row != nil }[safe: a.selected] ?? -1
        for (offset, entry) in entries.dropFirst(a.scroll).prefix(page).enumerated() {
            let y = 4 + offset
            guard let r = entry.row else {
                // The week view's line for a day: its load.
                let n = Reducer.agendaRows(state, day: entry.day, filter: a.filter).count
                let none = n == 0 ? (a.filter.isEmpty ? "  no sessions" : "  no match") : ""
                let text = " \(entry.day.weekday.abbreviation) \(entry.day.iso)\(entry.day == state.today ? " (today)" : "") \(g.bullet) \(load(entry.day))\(none)"
                buf.put(text, x: 0, y: y, style: booked(entry.day) >= chairs ? Style(.caution, bold: true) : .heading, maxWidth: buf.width)
                continue
            }
            let s = state.summaries[r.patient]
            let selected = a.scroll + offset == selectedLine
            // A held session keeps its chair but is not an appointment until the hold lifts.
            let held = r.isPlanned && s.held.contains(r.day)
            let over = r.isPlanned && s.overCapacity.contains(r.day)
            let status = r.scoringVisit ? "score" : r.given ? "given" : r.unkept?.rawValue ?? (held ? "ON HOLD" : over ? "OVERCAP" : "planned")
            let statusStyle: Style = r.given ? .good : held ? .critical : over ? .caution : r.unkept == .cancelled ? .muted : r.unkept != nil ? .caution : .normal
            let flags = agendaFlags(s, r)
            let flagStyle: Style = s.criticalWarnings > 0 || flags.contains("H") ? .critical : .normal
            let chairText = r.chair.map(String.init) ?? "-"
            var cells = [s.time?.description ?? "", chairText, flags, s.id.rawValue, g.safe(s.name)]
            var styles: [Style] = [.normal, (r.chair ?? 0) > chairs ? .caution : .normal, flagStyle, .normal, .normal]
            if columns.contains(where: { $0.title == "PROTOCOL" }) {
                cells.append(s.protocolID?.rawValue ?? "")
                styles.append(.muted)
            }
            cells.append(status)
            styles.append(statusStyle)
            row(&buf, y: y, x: 1, columns: columns, cells: cells, styles: styles, ascii: g.ascii)
            if selected, let name = columns.firstIndex(where: { $0.title == "NAME" }) {
                markSelection(&buf, y: y, glyphs: g, column: columns[name], x: columnX(columns, name, x: 1), text: cells[name])
            }
        }
        let legend = legendLines(agendaLegend, width: buf.width - 1)
        for (i, part) in legend.enumerated() {
            buf.put(" " + part, x: 0, y: buf.height - 2 - legend.count + i, style: .muted)
        }
    }
}
