import KetaplanEngine
import KetaplanRecords
import KetaplanText

extension Renderer {
    /// The flags column: a letter for each thing waiting, so colour is never the only sign.
    /// ! critical warning, H on hold, O overdue, T today, W within 7 days, F REMS form due,
    /// S screening incomplete.
    static func flags(_ s: PatientSummary, today: CalendarDay) -> String {
        var f = ""
        f += s.criticalWarnings > 0 ? "!" : " "
        f += s.isHeld ? "H" : " "
        f += s.overdue(before: today) > 0 ? "O" : " "
        let next = s.nextSession(onOrAfter: today)
        f += next == today ? "T" : " "
        f += next.map { $0 > today && $0 <= today.adding(days: 7) } ?? false ? "W" : " "
        f += s.formsDue.isEmpty ? " " : "F"
        f += s.screeningComplete ? " " : "S"
        return f
    }

    /// What each letter of the FLAGS column means (one line from 100 columns).
    static let flagLegend = ["! critical", "H on hold", "O overdue", "T today", "W within 7 days", "F REMS form due", "S screening incomplete"]

    /// The overview legend's lines at `width` cells.
    static func legendLines(width: Int) -> [String] { legendLines(flagLegend, width: width) }

    /// A legend's lines at `width` cells: whole entries, as many to a line as fit.
    static func legendLines(_ entries: [String], width: Int) -> [String] {
        var lines: [String] = []
        for entry in entries {
            if let last = lines.last, last.displayWidth + 2 + entry.displayWidth <= width {
                lines[lines.count - 1] = last + "  " + entry
            } else {
                lines.append(entry)
            }
        }
        return lines
    }

    /// What the overview's and the agenda's heads say while the rows shown are known to be
    /// out of date and are being worked out again (`LoadStage.refreshing`).
    static func refreshNote(_ state: AppState) -> String {
        guard case .refreshing(let day?) = state.load else { return "many patient files changed: refreshing" }
        return "it is now \(day): refreshing flags, counts and agenda; shown as of \(state.today)"
    }

    static func overview(_ buf: inout ScreenBuffer, _ state: AppState, _ o: OverviewState) {
        let g = state.glyphs
        let today = state.today
        var head: String
        switch state.load {
        case .firstPage(let counts?):
            head = Plural.count(counts.patients, "patient") + " \(g.bullet) \(counts.dueWithinWeek) due in 7 days \(g.bullet) \(counts.overdue) overdue \(g.bullet) \(counts.critical) critical"
        case .firstPage(nil):
            head = "Reading the clinic's index"
        case .checking, .checked, .refreshing:
            let overdue = state.index.overdue, thisWeek = state.index.dueWithinWeek, critical = state.index.critical
            head = Plural.count(o.archived ? state.summaries.count - o.order.count : o.order.count, "patient") + " \(g.bullet) \(thisWeek) due in 7 days \(g.bullet) \(overdue) overdue \(g.bullet) \(critical) critical"
            // Archived patients (plan completed or discontinued) are listed apart, as
            // `ketaplan patients` does; the head says how many and the key that lists them.
            let archived = o.archived ? o.order.count : state.summaries.count - o.order.count
            if o.archived {
                head = Plural.count(archived, "patient") + " archived (plan completed or discontinued)"
            } else if archived > 0 {
                head += " \(g.bullet) \(archived) archived (A)"
            }
        }
        // Until every file is checked the rows come from the index alone: say so.
        switch state.load {
        case .checked: break
        case .checking: head += "   (checking patient files)"
        case .firstPage: head += "   (checking patient files; keys wait)"
        case .refreshing: head += "   (" + refreshNote(state) + ")"
        }
        // The order, where the counts leave room for it, else on the rule under the heads.
        let order = o.sort == .name ? "by name" : o.archived ? "by id; A or Esc: back to the patients under care" : "needing attention first, then by next session"
        let orderOnHead = (" " + head + "   " + order).displayWidth <= buf.width
        buf.put(" " + head + (orderOnHead ? "   " + order : ""), x: 0, y: 1, style: .muted, maxWidth: buf.width)
        if o.filtering || !o.filter.isEmpty {
            let f = " Filter: \(g.safe(o.filter))\(o.filtering ? "_" : "")  (\(o.visible.count) match\(o.visible.count == 1 ? "" : "es"))"
            buf.fill(x: 0, y: 1, width: buf.width, style: .normal)
            buf.put(f, x: 0, y: 1, style: Style(.accent, bold: true))
        }
        let wide = buf.width >= 90
        let columns = layout([
            Column(title: "FLAGS", width: 7), Column(title: "ID", width: 7), Column(title: "NAME", width: 0),
            Column(title: "PROTOCOL", width: wide ? 20 : 14), Column(title: o.archived ? "PLAN" : "PHASE", width: wide || o.archived ? 12 : 5),
            Column(title: "NEXT", width: 10), Column(title: "WARN", width: 4, right: true),
        ], total: buf.width - 2)
        row(&buf, y: 2, x: 1, columns: columns, cells: columns.map(\.title), base: .heading, ascii: g.ascii)
        buf.line(y: 3, glyph: g.horizontal)
        if !orderOnHead { buf.put(" " + order + " ", x: 1, y: 3, style: .muted, maxWidth: buf.width - 2) }
        let page = state.metrics.overviewRows
        if let problem = state.clinicProblem ?? (o.visible.isEmpty && state.summaries.isEmpty ? state.problems.first : nil) {
            // A clinic that could not be read is never shown as an empty one, nor its
            // patients as judged under default settings.
            let lines = wrap("The clinic could not be read: " + problem, width: buf.width - 2)
            for (n, line) in lines.prefix(page).enumerated() {
                buf.put(" " + g.safe(line), x: 0, y: 4 + n, style: .critical)
            }
        } else if o.visible.isEmpty {
            let empty = !o.filter.isEmpty ? " No patient matches the filter."
                : o.archived ? " No archived patients: a patient whose plan is completed or discontinued is listed here."
                : state.summaries.isEmpty ? " No patients yet: press n to add one." : " No patient under care: A lists the archived ones."
            buf.put(empty, x: 0, y: 4, style: .muted, maxWidth: buf.width)
        }
        for (n, index) in o.visible.dropFirst(o.scroll).prefix(state.clinicProblem == nil ? page : 0).enumerated() {
            let s = state.summaries[index]
            let y = 4 + n
            let selected = o.scroll + n == o.selected
            let phaseText = o.archived ? s.planStatus?.rawValue : s.phase?.rawValue
            let phase = phaseText.map { wide || o.archived ? $0 : String($0.prefix(5)) } ?? ""
            let warn = s.warningCodes.isEmpty ? "" : String(s.warningCodes.count)
            let flagStyle: Style = s.criticalWarnings > 0 || s.isHeld ? .critical : (s.overdue(before: today) > 0 ? .caution : .normal)
            let name = g.safe(s.name)
            row(&buf, y: y, x: 1, columns: columns,
                cells: [flags(s, today: today), s.id.rawValue, name, s.protocolID?.rawValue ?? "no plan", phase, s.nextSession(onOrAfter: today)?.iso ?? "-", warn],
                styles: [flagStyle, .normal, .normal, .muted, .normal, .normal, s.criticalWarnings > 0 ? .critical : .normal], ascii: g.ascii)
            if selected { markSelection(&buf, y: y, glyphs: g, column: columns[2], x: columnX(columns, 2, x: 1), text: name) }
        }
        if o.visible.count > page {
            let info = " \(o.selected + 1)/\(o.visible.count) "
            buf.put(info, x: buf.width - info.displayWidth, y: 3, style: .muted)
        }
        let legend = legendLines(width: buf.width - 1)
        for (i, part) in legend.enumerated() {
            buf.put(" " + part, x: 0, y: buf.height - 2 - legend.count + i, style: .muted)
        }
    }
}
