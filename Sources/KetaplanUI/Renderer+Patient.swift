import KetaplanEngine
import KetaplanText

extension Renderer {
    static func patient(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PatientView) {
        let g = state.glyphs
        guard let stored = p.stored else {
            buf.put(" Loading \(p.id)…", x: 0, y: 2, style: .muted)
            return
        }
        let chart = stored.chart
        let facts = p.facts ?? PatientFacts()
        let (line1, line2) = headerLines(state, chart)
        // A line too long for the screen ends with the key that shows it whole.
        func fitted(_ line: String) -> String {
            line.displayWidth <= buf.width - 1 ? line : line.truncated(toWidth: buf.width - 10, ascii: g.ascii) + " (i: all)"
        }
        buf.put(" " + fitted(line1), x: 0, y: 1, style: .heading)
        if let line2 {
            buf.put(" " + fitted(line2), x: 0, y: 2, style: .muted)
        } else {
            buf.put(" No plan yet: press n to make one.", x: 0, y: 2, style: .caution)
        }
        // Holds first: what stops dosing and what lifts it.
        let metrics = state.metrics
        for (i, line) in facts.banner.enumerated() {
            buf.fill(x: 0, y: 3 + i, width: buf.width, style: line.style)
            buf.put(" " + line.text, x: 0, y: 3 + i, style: line.style, maxWidth: buf.width)
        }
        let tabs = metrics.patientTabsRow(banner: facts.banner.count)
        if let move = p.move {
            movePanel(&buf, state, chart, move, top: tabs, bottom: metrics.patientBottom)
            return
        }
        if let detail = p.detail {
            detailPanel(&buf, detail, top: tabs, bottom: metrics.patientBottom)
            return
        }
        // Pane tabs.
        var x = 1
        for pane in PatientView.Pane.allCases {
            var title = pane.title
            if pane == .warnings { title += " (\(facts.attentionCount))" }
            let label = pane == p.pane ? "[\(title)]" : " \(title) "
            x = buf.put(label, x: x, y: tabs, style: pane == p.pane ? Style(.accent, bold: true, reverse: true) : .muted) + 1
        }
        let top = tabs + 1
        let bottom = metrics.patientBottom
        switch p.pane {
        case .sessions: sessionsPane(&buf, state, p, chart, facts, top: top, bottom: bottom)
        case .calendar: calendarPane(&buf, state, p, chart, top: top, bottom: bottom)
        case .scores: scoresPane(&buf, state, p, chart, facts, top: top, bottom: bottom)
        case .warnings: warningsPane(&buf, state, p, facts, top: top, bottom: bottom)
        }
    }

    static func sessionsPane(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PatientView, _ chart: PatientChart, _ facts: PatientFacts, top: Int, bottom: Int) {
        let g = state.glyphs
        guard let plan = chart.plan, !plan.sessions.isEmpty else {
            buf.put(" No sessions.", x: 0, y: top + 1, style: .muted)
            return
        }
        let columns = layout([Column(title: "#", width: 3, right: true), Column(title: "DATE", width: 10), Column(title: "DAY", width: 3),
                              Column(title: "PHASE", width: 12), Column(title: "DOSE", width: 8, right: true), Column(title: "STATUS", width: 9),
                              Column(title: "BP", width: 7), Column(title: "WARN", width: 0)], total: buf.width - 2, minFlexible: 4)
        row(&buf, y: top, x: 1, columns: columns, cells: columns.map(\.title), base: .heading, ascii: g.ascii)
        let page = state.metrics.sessionRows(banner: facts.banner.count)
        for (n, s) in plan.sessions.enumerated().dropFirst(p.scroll).prefix(page) {
            let y = top + 1 + n - p.scroll
            let selected = n == p.selected
            let dose = s.status == .given ? s.record?.doseGivenMg : s.plannedDoseMg
            let mine = facts.warnings.filter { $0.sessionID == s.id && $0.severity != .info }
            let warn = mine.isEmpty ? "" : (mine.contains { $0.severity == .critical } ? "!! " : "! ") + (mine.first?.code.shortLabel ?? "")
            var status = s.status.rawValue
            if s.status == .planned && s.date < state.today { status = "OVERDUE" }
            let isHeld = facts.held.contains(s.id)
            if isHeld { status = "ON HOLD" }
            if s.pinned && s.status == .planned { status += "*" }
            let statusStyle: Style = switch s.status {
            case .given: .good
            case .missed, .deferred: .caution
            case .cancelled: .muted
            case .planned: s.date < state.today || isHeld ? .critical : .normal
            }
            row(&buf, y: y, x: 1, columns: columns,
                cells: [String(n + 1), s.date.iso, s.date.weekday.abbreviation, s.phase.rawValue, dose.map { formatNumber($0) + " mg" } ?? "-",
                        status, s.record?.bpBefore?.description ?? "", warn],
                styles: [.muted, .normal, .normal, .normal, .normal, statusStyle, .normal, mine.contains { $0.severity == .critical } ? .critical : .caution], ascii: g.ascii)
            if selected { markSelection(&buf, y: y, glyphs: g, column: columns[1], x: columnX(columns, 1, x: 1), text: s.date.iso) }
        }
        if let s = plan.sessions[safe: p.selected] {
            // The full reason is one key away (Enter); cut here, the line says so.
            let why = "Why: " + g.safe(s.reason)
            let shown = why.displayWidth <= buf.width - 1 ? why : why.truncated(toWidth: buf.width - 15, ascii: g.ascii) + " (Enter: all)"
            buf.put(" " + shown, x: 0, y: bottom - 1, style: .muted, maxWidth: buf.width)
        }
        if plan.sessions.count > page {
            let info = " \(p.selected + 1)/\(plan.sessions.count) "
            // On the tabs' row: it must not write over the hold banner above.
            buf.put(info, x: buf.width - info.displayWidth, y: top - 1, style: .muted)
        }
    }

    /// The months' names, January first.
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    static func calendarPane(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PatientView, _ chart: PatientChart, top: Int, bottom: Int) {
        let (y0, m0, _) = p.month.components
        buf.put(" \(monthNames[m0 - 1]) \(y0)   (Left/Right: month)", x: 0, y: top, style: .heading)
        let cell = 6
        for (i, d) in Weekday.allCases.enumerated() { buf.put(d.abbreviation, x: 2 + i * cell, y: top + 1, style: .heading) }
        var byDay: [CalendarDay: Session] = [:]
        for s in chart.plan?.sessions ?? [] where byDay[s.date] == nil || s.status.isDose { byDay[s.date] = s }
        var day = p.month
        var row = 0
        while day.components.month == m0 {
            let col = day.weekday.rawValue
            let y = top + 2 + row
            guard y < bottom - 2 else { break }
            var mark = " "
            var style = Style.normal
            if let s = byDay[day] {
                switch s.status {
                case .planned: mark = "P"; style = Style(.accent, bold: true)
                case .given: mark = "G"; style = .good
                case .missed: mark = "M"; style = .caution
                case .deferred: mark = "D"; style = .caution
                case .cancelled: mark = "C"; style = .muted
                }
            } else if state.clinic.calendar.closure(on: day) != nil {
                mark = "."
                style = .muted
            }
            let num = String(day.components.day)
            let text = (day == state.today ? ">" : " ") + String(repeating: " ", count: 2 - num.count) + num + mark
            buf.put(text, x: 1 + col * cell, y: y, style: style)
            if col == 6 { row += 1 }
            day = day.adding(days: 1)
        }
        buf.put(" P planned  G given  M missed  D deferred  C cancelled  . clinic closed  > today", x: 0, y: bottom - 1, style: .muted)
    }

    static func scoresPane(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PatientView, _ chart: PatientChart, _ facts: PatientFacts, top: Int, bottom: Int) {
        let g = state.glyphs
        let settings = state.clinic.settings
        let used = Instrument.allCases.filter { i in chart.assessments.contains { $0.instrument == i } }
        guard !used.isEmpty else {
            buf.put(" No scores yet: press s to add one.", x: 0, y: top + 1, style: .muted)
            return
        }
        var y = top
        for instrument in used where y < bottom - 1 {
            let scores = chart.assessments.filter { $0.instrument == instrument }
            let remission = instrument.remissionMaximum(settings: settings)
            var title = "\(instrument.name) (\(instrument.range.lowerBound)-\(instrument.range.upperBound))"
            if let r = remission { title += ", remission at or below \(r)" }
            buf.put(" " + title, x: 0, y: y, style: .heading)
            y += 1
            // A bar per score, the remission threshold marked as a row of dashes.
            let height = min(5, max(2, (bottom - y - 2) / max(1, used.count) - 1))
            let maxScore = Double(instrument.range.upperBound)
            let shown = Array(scores.suffix(max(1, (buf.width - 14) / 2)))
            for level in (1...height).reversed() {
                let levelValue = maxScore * Double(level) / Double(height)
                let lowerValue = maxScore * Double(level - 1) / Double(height)
                let isThreshold = remission.map { Double($0) >= lowerValue && Double($0) < levelValue } ?? false
                buf.put(isThreshold ? "rem " + g.horizontal : "     ", x: 1, y: y, style: .muted)
                for (i, a) in shown.enumerated() {
                    let v = Double(a.score)
                    var glyph = isThreshold ? g.horizontal : " "
                    if v >= levelValue { glyph = g.bars[7] } else if v > lowerValue {
                        glyph = g.bars[min(7, Int((v - lowerValue) / (levelValue - lowerValue) * 8))]
                    }
                    let inRemission = instrument.isRemission(a.score, settings: settings) == true
                    buf.put(glyph, x: 7 + i * 2, y: y, style: inRemission ? .good : (isThreshold && glyph == g.horizontal ? .muted : .normal))
                }
                y += 1
            }
            // The latest scores in words: as many of the newest as fit, whole.
            var words = facts.scoreWords[instrument] ?? []
            while words.count > 1, ("   " + words.joined(separator: "; ")).displayWidth > buf.width { words.removeFirst() }
            buf.put("   " + words.joined(separator: "; "), x: 0, y: y, style: .muted, maxWidth: buf.width)
            y += 2
        }
    }

    static func warningsPane(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PatientView, _ facts: PatientFacts, top: Int, bottom: Int) {
        for (i, line) in facts.warningLines.dropFirst(p.scroll).prefix(bottom - top).enumerated() {
            buf.put(" " + line.text, x: 0, y: top + i, style: line.style)
        }
    }

    /// Width of one day on the move's strip ("Sat 05" and a space each side).
    static let moveCellWidth = 8

    /// Rows the move's strip takes under its title: the months, the days, their load.
    static let moveStripRows = 3

    /// The move being chosen, over the panes: the session and the day, the strip of
    /// days with the clinic's chair load, what saving does and breaks, what to press.
    static func movePanel(_ buf: inout ScreenBuffer, _ state: AppState, _ chart: PatientChart, _ move: MoveChoice, top: Int, bottom: Int) {
        let number = chart.plan?.number(of: move.session) ?? 0
        let title = "Move session \(number) from \(move.from.shortLabel) to \(move.day.shortLabel)"
        buf.fill(x: 0, y: top, width: buf.width, style: Style(.accent, bold: true, reverse: true))
        buf.put(" " + title, x: 0, y: top, style: Style(.accent, bold: true, reverse: true), maxWidth: buf.width)
        // The strip: each day's chairs booked of the clinic's, "closed", "P" where the
        // patient has a session; the chosen day reversed.
        let cell = moveCellWidth
        let x0 = max(0, (buf.width - move.strip.count * cell) / 2)
        for (i, d) in move.strip.enumerated() {
            let x = x0 + i * cell
            let chosen = d.day == move.day
            let (year, month, dayOfMonth) = d.day.components
            // The month over its first day and over the strip's first, so that "Mon 30
            // Tue 01" is not read as one month's days ("Nov" alone when December starts
            // right after it, leaving the room to "Dec 2026").
            if i == 0 || dayOfMonth == 1 {
                let name = String(monthNames[month - 1].prefix(3))
                let nextStartsAMonth = move.strip.count > i + 1 && move.strip[i + 1].day.components.day == 1
                buf.put(nextStartsAMonth ? name : "\(name) \(year)", x: x, y: top + 1, style: .heading, maxWidth: buf.width - x)
            }
            let label = "\(d.day.weekday.abbreviation) \(d.day.iso.suffix(2))"
            let load = d.closure != nil ? "closed" : "\(d.booked)/\(d.capacity)" + (d.patientBooked ? " P" : "")
            var style: Style = d.closure != nil ? .muted : d.full ? .critical : .normal
            if chosen { style.reverse = true }
            buf.put(label.padded(toWidth: cell - 1, ascii: state.glyphs.ascii), x: x, y: top + 2, style: chosen ? style : .heading)
            buf.put(load.padded(toWidth: cell - 1, ascii: state.glyphs.ascii), x: x, y: top + 3, style: style)
        }
        let linesTop = top + 1 + moveStripRows
        let rows = max(1, bottom + 1 - linesTop - move.prompt.count)
        var shown = Array(move.lines.dropFirst(move.scroll).prefix(rows))
        if move.lines.count - move.scroll > rows, rows > 0 {
            shown = Array(shown.prefix(rows - 1)) + [StyledLine(" … \(move.lines.count - move.scroll - rows + 1) more lines: PgDn", Style(.accent, bold: true))]
        }
        for (i, line) in shown.enumerated() {
            buf.put(line.text, x: 0, y: linesTop + i, style: line.style, maxWidth: buf.width)
        }
        for (i, line) in move.prompt.enumerated() {
            buf.put(" " + line.text, x: 0, y: bottom + 1 - move.prompt.count + i, style: line.style, maxWidth: buf.width)
        }
    }

    /// A recorded session's whole record, scrolled; what is below says so.
    static func detailPanel(_ buf: inout ScreenBuffer, _ detail: SessionDetail, top: Int, bottom: Int) {
        let rows = max(1, bottom - top)
        let rest = detail.lines.count - detail.scroll - rows
        for (i, line) in detail.lines.dropFirst(detail.scroll).prefix(rows).enumerated() {
            buf.put(" " + line.text, x: 0, y: top + i, style: line.style, maxWidth: buf.width)
        }
        let hint = rest > 0 ? " … \(rest) more \(rest == 1 ? "line" : "lines"): Down or PgDn" : " a amends a given session's record; Esc back to the sessions"
        buf.put(hint, x: 0, y: bottom, style: rest > 0 ? Style(.accent, bold: true) : .muted, maxWidth: buf.width)
    }

    /// The patient's line and the plan's line (protocol, phase, status, the maintenance
    /// policy and its reason; nil without a plan), whole: drawn cut to the width with
    /// "(i: all)", and shown whole by `i`.
    static func headerLines(_ state: AppState, _ chart: PatientChart) -> (String, String?) {
        let g = state.glyphs
        let patient = chart.patient
        var line1 = "\(g.safe(patient.name)) (\(patient.id)) \(g.bullet) \(patient.age(on: state.today)) y"
        line1 += " \(g.bullet) \(formatNumber(patient.weight.kilograms)) kg (\(patient.weight.measuredOn))"
        if !patient.conditions.isEmpty { line1 += " \(g.bullet) " + patient.conditions.map(\.name).joined(separator: ", ") }
        let line2 = chart.plan.map { plan in
            "\(plan.protocolCopy.id) \(g.bullet) \(plan.currentPhase(on: state.today)) \(g.bullet) \(plan.status) \(g.bullet) maintenance: \(plan.maintenancePolicy?.description ?? "none (course ends for review)")"
        }
        return (line1, line2)
    }
}
