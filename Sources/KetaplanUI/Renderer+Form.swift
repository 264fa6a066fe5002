import ClinicEdits
import KetaplanEngine
import KetaplanText

extension Renderer {
    static func form(_ buf: inout ScreenBuffer, _ state: AppState, _ f: FormState) {
        let g = state.glyphs
        var title = f.kind.title
        if let id = f.kind.patientID {
            let name = state.summaries.first { $0.id.rawValue == id }?.name ?? id
            title += ": \(g.safe(name)) (\(id))"
        }
        if case .recordSession(let id, let sid) = f.kind, let plan = state.stored(id)?.chart.plan, let s = plan.session(sid) {
            title += ", session \(plan.number(of: sid) ?? 0) on \(s.date.weekday.abbreviation) \(s.date)"
        }
        if case .moveSession(let id, let sid) = f.kind, let plan = state.stored(id)?.chart.plan, let s = plan.session(sid) {
            title += ", session \(plan.number(of: sid) ?? 0) now on \(s.date.weekday.abbreviation) \(s.date)"
        }
        buf.put(" " + title, x: 0, y: 1, style: .heading)
        let labelWidth = min(30, max(14, buf.width / 3))
        let valueWidth = min(28, buf.width - labelWidth - 4)
        let preview = previewLines(state, f)
        let fieldRows = max(3, buf.height - 6 - min(preview.count, max(0, buf.height - 12)))
        let scroll = min(f.scroll, max(0, f.fields.count - fieldRows))
        for (i, field) in f.fields.enumerated().dropFirst(scroll).prefix(fieldRows) {
            let y = 2 + i - scroll
            let focused = i == f.focus
            let problem = field.problem(today: state.today)
            let mark = focused ? ">" : " "
            // Screening questions are long and their answers short; choice lists are wide.
            var labelWidth = labelWidth, valueWidth = valueWidth
            if case .screening = field.kind { labelWidth = min(52, buf.width - 30); valueWidth = 5 }
            if case .multi = field.kind { valueWidth = max(valueWidth, buf.width - labelWidth - 2) }
            buf.put(mark + " " + g.safe(field.label), x: 0, y: y, style: focused ? Style(.accent, bold: true) : .normal, maxWidth: labelWidth)
            let shown = display(field, focused: focused, cursor: f.optionCursor, g: g)
            let style: Style = focused ? Style(.normal, reverse: true) : (problem != nil && !field.value.isEmpty ? .critical : .normal)
            buf.put(shown.padded(toWidth: min(valueWidth, max(shown.displayWidth, valueWidth))), x: labelWidth + 1, y: y, style: style, maxWidth: valueWidth)
            let note: String
            let noteStyle: Style
            if let problem, !field.value.isEmpty || focused && f.error != nil {
                note = "! " + problem
                noteStyle = .critical
            } else if focused {
                note = field.hint
                noteStyle = .muted
            } else {
                note = ""
                noteStyle = .muted
            }
            if labelWidth + valueWidth + 3 < buf.width {
                buf.put(g.safe(note), x: labelWidth + valueWidth + 3, y: y, style: noteStyle, maxWidth: max(0, buf.width - labelWidth - valueWidth - 3))
            }
        }
        var y = 2 + min(fieldRows, f.fields.count) + 1
        if let error = f.error {
            for part in wrap("! Not saved: " + g.safe(error), width: buf.width - 2) where y < buf.height - 3 {
                buf.put(" " + part, x: 0, y: y, style: .critical)
                y += 1
            }
        }
        // Long lines (a refusal and what lifts it, a blood pressure check) wrap rather than lose their end.
        for line in preview {
            for (i, part) in wrap(g.safe(line.0), width: max(10, buf.width - 4)).enumerated() where y < buf.height - 2 {
                buf.put((i == 0 ? " " : "   ") + part, x: 0, y: y, style: line.1, maxWidth: buf.width)
                y += 1
            }
        }
    }

    /// How a field's value shows: typed text with a cursor, or the choices.
    static func display(_ field: FormField, focused: Bool, cursor: Int, g: Glyphs) -> String {
        switch field.kind {
        case .choice:
            let v = field.value.isEmpty ? "none" : field.value
            return focused ? "< \(v) >" : v
        case .multi(let options):
            let chosen = Set(field.selections)
            return options.enumerated().map { i, o in
                let box = chosen.contains(o) ? "[x]" : "[ ]"
                return (focused && i == cursor ? ">" : "") + box + o
            }.joined(separator: " ")
        case .screening:
            return "[\(field.value)]"
        default:
            return g.safe(field.value) + (focused ? "_" : "")
        }
    }

    /// What saving would do, worked out by the engine as the clinician types.
    static func previewLines(_ state: AppState, _ f: FormState) -> [(String, Style)] {
        guard let id = f.kind.patientID, let stored = state.stored(id), f.problems(today: state.today).isEmpty else { return [] }
        guard case .success(.edit(_, let edit)) = FormSubmission.outcome(f, chart: stored.chart, clinic: state.clinic, today: state.today, user: state.user, newID: { "P-0000" }) else {
            return []
        }
        var lines: [(String, Style)] = []
        let scheduler = Scheduler(context: state.context(for: id))
        if case .move(let sid, let day) = edit {
            let concerns = scheduler.concerns(moving: sid, to: day, in: stored.chart)
            if concerns.isEmpty {
                lines.append(("The engine's checks: no rule is broken on \(day.shortLabel).", .good))
            } else {
                lines.append(("The engine's checks (saving moves it anyway, and records why):", .caution))
                for c in concerns { lines.append(("  ! " + c.message, .caution)) }
            }
        }
        // Blood pressure checks as the readings are typed: the same function and words the
        // chart's warnings use after saving.
        var checks: [(String, Style)] = []
        if case .record(_, let outcome) = edit, outcome.status == .given, let route = stored.chart.plan?.protocolCopy.route {
            let checker = SafetyChecker(context: state.context(for: id))
            if let bp = outcome.record.bpBefore, let w = checker.bloodPressureBeforeDosing(bp, route: route) {
                checks.append(("!! " + w.message, .critical))
            }
            for w in checker.bloodPressureAfterDosing(outcome.record, route: route) {
                checks.append(((w.severity == .critical ? "!! " : "! ") + w.message, w.severity == .critical ? .critical : .caution))
            }
        }
        do {
            let update = try edit.apply(to: stored.chart, scheduler: scheduler)
            guard let plan = update.chart.plan else { return checks + lines }
            if case .newPlan = edit {
                lines.append(("Preview: \(plan.sessions.count) sessions", .heading))
                let dates = plan.sessions.prefix(12).map { "\($0.date.weekday.abbreviation) \($0.date.iso)" }
                for chunk in stride(from: 0, to: dates.count, by: 4) {
                    lines.append(("  " + dates[chunk..<min(dates.count, chunk + 4)].joined(separator: "  "), .normal))
                }
                if plan.sessions.count > 12 { lines.append(("  … to \(plan.sessions.last!.date)", .muted)) }
                // Said before saving: a stretched induction, and what the clinician can do.
                for stretch in scheduler.stretchedPhases(plan) {
                    lines.append(("! " + stretch.message, .caution))
                    lines.append(("  Saving accepts it (the plan carries a warning); or set Full chairs to 'over capacity'.", .caution))
                }
                let over = plan.sessions.filter(\.overCapacity)
                if !over.isEmpty { lines.append(("Booked over capacity: " + over.map(\.date.iso).joined(separator: ", "), .caution)) }
                return checks + lines
            }
            let moves = update.changes.map { $0.line(in: plan) }
            if moves.isEmpty {
                lines.append(("On saving: no other dates move.", .muted))
            } else {
                lines.append(("On saving, these dates change:", .heading))
                for m in moves.prefix(8) { lines.append(("  " + m, .caution)) }
                if moves.count > 8 { lines.append(("  … and \(moves.count - 8) more", .muted)) }
            }
        } catch {
            lines.append(("! The engine will refuse this: " + error.message, .critical))
        }
        return checks + lines
    }
}
