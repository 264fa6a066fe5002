import ClinicEdits
import KetaplanEngine
import KetaplanText

extension Renderer {
    static func form(_ buf: inout ScreenBuffer, _ state: AppState, _ f: FormState) {
        let g = state.glyphs
        let layout = f.layout ?? FormLayout(state, f)
        var y = 1
        for line in layout.title {
            buf.put(" " + line, x: 0, y: y, style: .heading)
            y += 1
        }
        let top = y
        let preview = f.preview?.lines ?? []
        for (i, field) in f.fields.enumerated().dropFirst(f.scroll) {
            guard let block = layout.blocks[safe: i] else { break }
            // A field whose rows do not all fit is left for scrolling (the focused one always fits).
            if y + block.rows > top + layout.page, y > top { break }
            let focused = i == f.focus
            let problem = f.preview?.problems[safe: i] ?? nil
            let labelStyle = focused ? Style(.accent, bold: true) : .normal
            for (n, line) in block.label.enumerated() {
                buf.put((n == 0 ? (focused ? "> " : "  ") : "  ") + line, x: 0, y: y + n, style: labelStyle, maxWidth: block.labelWidth)
            }
            let style: Style = focused ? Style(.normal, reverse: true) : (problem != nil && !field.value.isEmpty ? .critical : .normal)
            let x = block.labelWidth + 1
            if field.isTyped {
                typedValue(&buf, field, cursor: focused ? f.cursorIndex : nil, scroll: focused ? f.textScroll : 0, x: x, y: y,
                           width: block.valueWidth, style: style, g: g)
            } else {
                let shown = display(field, focused: focused, cursor: f.optionCursor, g: g, width: block.valueWidth)
                buf.put(shown.padded(toWidth: min(block.valueWidth, max(shown.displayWidth, block.valueWidth)), ascii: g.ascii), x: x, y: y, style: style, maxWidth: block.valueWidth)
            }
            if !block.note.isEmpty {
                buf.put(block.note, x: x + block.valueWidth + 2, y: y, style: block.noteStyle)
            }
            y += max(1, block.label.count)
            for line in block.noteUnder {
                buf.put("    " + line, x: 0, y: y, style: block.noteStyle)
                y += 1
            }
        }
        y += 1
        for line in layout.error where y < buf.height - 2 {
            buf.put(" " + line, x: 0, y: y, style: .critical)
            y += 1
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
