import ClinicEdits
import KetaplanEngine
import KetaplanText

extension Renderer {
    static func form(_ buf: inout ScreenBuffer, _ state: AppState, _ f: FormState) {
        let g = state.glyphs
        var title = f.kind.title
        if let id = f.kind.patientID {
            let name = state.summaries.first { $0.id == id }?.name ?? id.rawValue
            title += ": \(g.safe(name)) (\(id))"
        }
        if case .recordSession(let id, let sid) = f.kind, let plan = state.stored(id)?.chart.plan, let s = plan.session(sid) {
            title += ", session \(plan.number(of: sid) ?? 0) on \(s.date.weekday.abbreviation) \(s.date)"
        }
        buf.put(" " + title, x: 0, y: 1, style: .heading)
        let labelWidth = state.metrics.formLabelWidth
        let valueWidth = state.metrics.formValueWidth
        let preview = f.preview?.lines ?? []
        let fieldRows = state.metrics.formFieldRows(previewLines: preview.count)
        var focusedNote: StyledLine?
        for (i, field) in f.fields.enumerated().dropFirst(f.scroll).prefix(fieldRows) {
            let y = 2 + i - f.scroll
            let focused = i == f.focus
            let problem = f.preview?.problems[safe: i] ?? nil
            let mark = focused ? ">" : " "
            // Screening questions are long and their answers short; choice lists are wide.
            var labelWidth = labelWidth, valueWidth = valueWidth
            if case .screening = field.kind { labelWidth = min(52, buf.width - 30); valueWidth = 5 }
            if case .multi = field.kind { valueWidth = max(valueWidth, buf.width - labelWidth - 2) }
            buf.put(mark + " " + g.safe(field.label), x: 0, y: y, style: focused ? Style(.accent, bold: true) : .normal, maxWidth: labelWidth)
            let style: Style = focused ? Style(.normal, reverse: true) : (problem != nil && !field.value.isEmpty ? .critical : .normal)
            if field.isTyped {
                typedValue(&buf, field, cursor: focused ? f.cursorIndex : nil, scroll: focused ? f.textScroll : 0, x: labelWidth + 1, y: y,
                           width: valueWidth, style: style, g: g)
            } else {
                let shown = display(field, focused: focused, cursor: f.optionCursor, g: g, width: valueWidth)
                buf.put(shown.padded(toWidth: min(valueWidth, max(shown.displayWidth, valueWidth))), x: labelWidth + 1, y: y, style: style, maxWidth: valueWidth)
            }
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
            // A note too long for its column: the focused field's goes whole on the line
            // under the fields; another field's is cut with an ellipsis (focus it to read it).
            let room = buf.width - labelWidth - valueWidth - 3
            if g.safe(note).displayWidth > room, focused {
                focusedNote = StyledLine(g.safe(note), noteStyle)
            } else if room > 0 {
                buf.put(g.safe(note).truncated(toWidth: room, ascii: g.ascii), x: labelWidth + valueWidth + 3, y: y, style: noteStyle, maxWidth: room)
            }
        }
        var y = 2 + min(fieldRows, f.fields.count)
        if let focusedNote {
            for part in wrap(focusedNote.text, width: buf.width - 2) where y < buf.height - 3 {
                buf.put(" " + part, x: 0, y: y, style: focusedNote.style)
                y += 1
            }
        } else {
            y += 1
        }
        if let error = f.error {
            for part in wrap("! Not saved: " + g.safe(error), width: buf.width - 2) where y < buf.height - 3 {
                buf.put(" " + part, x: 0, y: y, style: .critical)
                y += 1
            }
        }
        // Long lines (a refusal and what lifts it, a blood pressure check) wrap rather than
        // lose their end; what does not fit at all is counted on the last row.
        var rows: [StyledLine] = []
        for line in preview {
            for (i, part) in wrap(g.safe(line.text), width: max(10, buf.width - 4)).enumerated() {
                rows.append(StyledLine((i == 0 ? " " : "   ") + part, line.style))
            }
        }
        let room = max(0, buf.height - 2 - y)
        if rows.count > room, room > 0 {
            rows = Array(rows.prefix(room - 1)) + [StyledLine(" … " + Plural.count(rows.count - room + 1, "more line", plural: "more lines") + ": enlarge the terminal to see them", Style(.accent, bold: true))]
        }
        for row in rows.prefix(room) {
            buf.put(row.text, x: 0, y: y, style: row.style, maxWidth: buf.width)
            y += 1
        }
    }

    /// The cursor's cell in a typed field: not reversed, so it stands out of the focused
    /// field's reversed cells, and underlined where colour is not shown.
    static let textCursor = Style(.accent, bold: true, underline: true)

    /// A typed value in its field: the part around the cursor (`TextWindow`), a mark where
    /// text is hidden, the cursor's cell when focused.
    static func typedValue(_ buf: inout ScreenBuffer, _ field: FormField, cursor: Int?, scroll: Int, x: Int, y: Int, width: Int, style: Style, g: Glyphs) {
        let view = TextWindow.view(Array(g.safe(field.value)), cursor: cursor, scroll: scroll, width: width, mark: g.ascii ? "~" : "…")
        buf.put(String(repeating: " ", count: width), x: x, y: y, style: style, maxWidth: width)
        var at = buf.put(view.before, x: x, y: y, style: style, maxWidth: width)
        if let c = view.cursor { at = buf.put(c, x: at, y: y, style: textCursor, maxWidth: max(0, x + width - at)) }
        buf.put(view.after, x: at, y: y, style: style, maxWidth: max(0, x + width - at))
    }

    /// How a choice field shows: the choice, or the options.
    static func display(_ field: FormField, focused: Bool, cursor: Int, g: Glyphs, width: Int = .max) -> String {
        switch field.kind {
        case .choice:
            let v = field.value.isEmpty ? "none" : field.value
            return focused ? "< \(v) >" : v
        case .multi(let options):
            let chosen = Set(field.selections)
            let items = options.enumerated().map { i, o in
                (focused && i == cursor ? ">" : "") + (chosen.contains(o) ? "[x]" : "[ ]") + o
            }
            // Options wider than the field: the ones before the cursor give way, so the
            // option the cursor is on always shows ("…" says some are to the left).
            var first = 0
            if focused, items.indices.contains(cursor) {
                while first < cursor, items[first...cursor].joined(separator: " ").displayWidth + (first > 0 ? 2 : 0) > width { first += 1 }
            }
            return (first > 0 ? (g.ascii ? "~ " : "… ") : "") + items[first...].joined(separator: " ")
        case .screening:
            return "[\(field.value)]"
        default:
            return g.safe(field.value)
        }
    }
}
