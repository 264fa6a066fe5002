import KetaplanEngine
import KetaplanText

/// Draws the state into a screen buffer. Pure: the same state always draws the same
/// screen, and tests read the buffer as text.
public enum Renderer {
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buf = ScreenBuffer(width: state.width, height: state.height)
        let g = state.glyphs
        if state.width < AppState.minimumWidth || state.height < AppState.minimumHeight {
            tooSmall(&buf, state)
            return buf
        }
        titleBar(&buf, state)
        switch state.current {
        case .overview(let o): overview(&buf, state, o)
        case .agenda(let a): agenda(&buf, state, a)
        case .patient(let p): patient(&buf, state, p)
        case .form(let f): form(&buf, state, f)
        case .preview(let p): preview(&buf, state, p)
        }
        messageLine(&buf, state)
        statusBar(&buf, state)
        if let overlay = state.overlay { drawOverlay(&buf, state, overlay, g) }
        return buf
    }

    static func tooSmall(_ buf: inout ScreenBuffer, _ state: AppState) {
        let times = state.glyphs.ascii ? "x" : "×"
        let lines = ["enlarge the terminal to at least \(AppState.minimumWidth)\(times)\(AppState.minimumHeight)",
                     "(now \(state.width)\(times)\(state.height))"]
        for (i, line) in lines.enumerated() {
            let parts = wrap(line, width: max(1, buf.width))
            for (j, part) in parts.enumerated() {
                let y = buf.height / 2 - 1 + i * parts.count + j
                buf.put(part, x: max(0, (buf.width - part.displayWidth) / 2), y: y, style: i == 0 ? .heading : .muted)
            }
        }
    }

    static func titleBar(_ buf: inout ScreenBuffer, _ state: AppState) {
        buf.fill(x: 0, y: 0, width: buf.width, style: .statusBar)
        let name = state.clinicProblem == nil ? state.glyphs.safe(state.clinic.name) : "clinic.json could not be read"
        let left = " ketaplan " + state.glyphs.vertical + " " + name
        let right = "\(screenTitle(state)) " + state.glyphs.vertical + " today \(state.today.weekday.abbreviation) \(state.today) "
        buf.put(left.truncated(toWidth: max(0, buf.width - right.displayWidth - 1), ascii: state.glyphs.ascii), x: 0, y: 0, style: .statusBar)
        buf.put(right, x: max(0, buf.width - right.displayWidth), y: 0, style: .statusBar)
    }

    static func screenTitle(_ state: AppState) -> String {
        switch state.current {
        case .overview(let o): return o.archived ? "Archived patients" : "Clinic overview"
        case .agenda(let a): return a.week ? "Agenda: week" : "Agenda: day"
        case .patient: return "Patient plan"
        case .form(let f): return f.kind.title
        case .preview(let p): return p.handout ? "Handout preview" : "Summary preview"
        }
    }

    static func messageLine(_ buf: inout ScreenBuffer, _ state: AppState) {
        let y = buf.height - 2
        if let m = state.message {
            let style: Style = switch m.kind {
            case .info: .muted
            case .success: .good
            case .error: .critical
            }
            // Clinical text is never cut unseen: a long message wraps upwards over the
            // screen's last rows (it goes with the next key); past that, its last row says
            // that `:` (the message log) shows it whole.
            let lines = Message.logLines([m], width: buf.width - 1).map { state.glyphs.safe($0) }
            let room = messageRows(height: buf.height)
            var shown = Array(lines.prefix(room))
            if lines.count > room {
                let marker = (state.glyphs.ascii ? "~" : "…") + " (: shows all)"
                let avail = buf.width - 2 - marker.displayWidth
                let last = shown[room - 1]
                shown[room - 1] = (last.displayWidth <= avail ? last : String(last.truncated(toWidth: avail + 1).dropLast())) + marker
            }
            for (i, line) in shown.enumerated() {
                let row = y - shown.count + 1 + i
                buf.fill(x: 0, y: row, width: buf.width, style: .normal)
                buf.put(" " + line, x: 0, y: row, style: style, maxWidth: buf.width)
            }
        } else if let notice = Reducer.unreadableClinicNotice(state) {
            buf.put(" ! " + state.glyphs.safe(notice).truncated(toWidth: buf.width - 4, ascii: state.glyphs.ascii), x: 0, y: y, style: .critical)
        } else if !state.problems.isEmpty, case .overview = state.current {
            buf.put(" ! \(state.problems.count) file\(state.problems.count == 1 ? "" : "s") could not be read and \(state.problems.count == 1 ? "is" : "are") left untouched: run `ketaplan validate`",
                    x: 0, y: y, style: .critical)
        }
    }

    /// Rows a message may wrap onto above the status bar at `height` rows: a third of
    /// the screen's body, at least four (the `lp` error whole at 60x18).
    static func messageRows(height: Int) -> Int { max(4, (height - 6) / 3) }

    static func statusBar(_ buf: inout ScreenBuffer, _ state: AppState) {
        let y = buf.height - 1
        buf.fill(x: 0, y: y, width: buf.width, style: .statusBar)
        var items: [String]
        if state.current.filtering {
            items = ["type to filter", "Enter keep", "Ctrl-U erase", "Esc clear"]
        } else {
            items = KeyTable.essentials(in: state.current).map { "\(shortKey($0.keys)) \($0.short ?? "")" }
        }
        if state.saving { items.insert(state.savingProgress ?? (state.glyphs.ascii ? "Saving..." : "Saving…"), at: 0) }
        // Whole items only: where the line is too narrow, the keys just before the way
        // out ("Esc back", "q quit") give way, since help lists them all; the way out and
        // "? help" always show.
        let help = items.last.flatMap { $0.hasPrefix("? ") ? $0 : nil }
        if help != nil { items.removeLast() }
        func line(_ items: [String]) -> String { " " + (items + (help.map { [$0] } ?? [])).joined(separator: "  ") }
        while items.count > 2, line(items).displayWidth > buf.width { items.remove(at: items.count - 2) }
        buf.put(state.glyphs.safe(line(items)), x: 0, y: y, style: .statusBar)
    }

    static func shortKey(_ keys: String) -> String { keys.split(separator: ",").first.map(String.init) ?? keys }
    // MARK: Overlays

    static func drawOverlay(_ buf: inout ScreenBuffer, _ state: AppState, _ overlay: Overlay, _ g: Glyphs) {
        switch overlay {
        case .help(let kind, let scroll):
            let lines = KeyTable.helpLines(for: kind, in: state.current, width: state.metrics.helpTextWidth).map { ($0, Style.normal) }
            box(&buf, title: "Keys: \(kind.title)", lines: lines, footer: "Esc, ? or q closes", g, scroll: scroll, scrollKeys: "Up/Down, PgUp/PgDn")
        case .log(let scroll):
            let lines = Message.logLines(state.messageLog, width: state.metrics.helpTextWidth).map { ($0, Style.normal) }
            box(&buf, title: "Messages of this session (newest last)", lines: lines, footer: "Esc, : or q closes", g, scroll: scroll,
                scrollKeys: "Up/Down, PgUp/PgDn")
        case .text(let title, let body):
            let width = min(buf.width - 6, 76)
            box(&buf, title: title, lines: wrap(g.safe(body), width: width - 4).map { ($0, .normal) }, footer: "Esc or Enter closes", g)
        case .confirm(let c):
            let width = min(buf.width - 6, 70)
            let lines = c.question.split(separator: "\n").flatMap { wrap(g.safe(String($0)), width: width - 4) }.map { ($0, Style.normal) }
            box(&buf, title: "Please confirm", lines: lines, footer: "y yes   n no", g)
        }
    }

    /// A framed box centred on the screen. Lines that do not fit scroll from `scroll`
    /// (where the overlay's keys can scroll, `scrollKeys` names them), and a line says
    /// which part shows.
    static func box(_ buf: inout ScreenBuffer, title: String, lines: [(String, Style)], footer: String, _ g: Glyphs,
                    scroll: Int = 0, scrollKeys: String? = nil) {
        let inner = min(buf.width - 6, max(title.displayWidth + 4, footer.displayWidth + 2, lines.map { $0.0.displayWidth }.max() ?? 0))
        let fits = lines.count <= buf.height - 6
        let maxRows = fits ? lines.count : ScreenMetrics(width: buf.width, height: buf.height).boxRows
        let shown = Array(lines.dropFirst(scroll).prefix(maxRows))
        let w = inner + 4
        let h = shown.count + 4
        let x0 = max(0, (buf.width - w) / 2)
        let y0 = max(1, (buf.height - h) / 2)
        let corner = g.ascii ? "+" : "┌", cornerR = g.ascii ? "+" : "┐", cornerBL = g.ascii ? "+" : "└", cornerBR = g.ascii ? "+" : "┘"
        // A box within a cell of the screen's edge blanks that cell too: a list's selection
        // mark left in it would seem to stand on the box's border.
        let nearEdge = x0 <= 1
        for y in y0..<(y0 + h) { buf.fill(x: nearEdge ? 0 : x0, y: y, width: nearEdge ? buf.width : w, style: .normal) }
        buf.put(corner + String(repeating: g.horizontal, count: w - 2) + cornerR, x: x0, y: y0, style: .heading)
        buf.put(" \(g.safe(title)) ", x: x0 + 2, y: y0, style: .heading)
        for i in 1..<(h - 1) {
            buf.put(g.vertical, x: x0, y: y0 + i, style: .heading)
            buf.put(g.vertical, x: x0 + w - 1, y: y0 + i, style: .heading)
        }
        buf.put(cornerBL + String(repeating: g.horizontal, count: w - 2) + cornerBR, x: x0, y: y0 + h - 1, style: .heading)
        for (i, line) in shown.enumerated() { buf.put(g.safe(line.0), x: x0 + 2, y: y0 + 1 + i, style: line.1, maxWidth: inner) }
        if !fits {
            let part = "lines \(scroll + 1)-\(scroll + shown.count) of \(lines.count)"
            let more = scrollKeys.map { part + ": \($0) scroll" } ?? part + ": enlarge the terminal to see the rest"
            buf.put(more, x: x0 + 2, y: y0 + h - 3, style: Style(.accent, bold: true), maxWidth: inner)
        }
        buf.put(footer, x: x0 + 2, y: y0 + h - 2, style: .muted, maxWidth: inner)
    }

    /// Word-wraps by display width.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            while word.displayWidth > width {
                // A list of choices (a/b/c) breaks after a slash where one fits.
                let room = current.isEmpty ? width : width - current.displayWidth - 1
                if let cut = slashBreak(word, room: room) {
                    lines.append(current.isEmpty ? String(word.prefix(cut)) : current + " " + word.prefix(cut))
                    current = ""
                    word = String(word.dropFirst(cut))
                    continue
                }
                if !current.isEmpty { lines.append(current); current = "" }
                let head = word.truncated(toWidth: width + 1).dropLast()
                lines.append(String(head))
                word = String(word.dropFirst(head.count))
            }
            if current.isEmpty { current = word } else if current.displayWidth + 1 + word.displayWidth <= width { current += " " + word } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// How many characters of `word` go before a line break after its last slash within
    /// `room` cells; nil when there is none.
    static func slashBreak(_ word: String, room: Int) -> Int? {
        var used = 0, count = 0, cut: Int?
        for ch in word {
            used += DisplayWidth.of(ch)
            count += 1
            if used > room { break }
            if ch == "/", count < word.count { cut = count }
        }
        return cut
    }

    // MARK: Tables

    /// A column of a table: a fixed width, or a share of what is left.
    struct Column {
        var title: String
        var width: Int
        var right = false
    }

    /// Lays columns out in `total` cells: fixed columns keep their width, the one with
    /// width 0 takes the rest (at least `minFlexible`).
    static func layout(_ columns: [Column], total: Int, minFlexible: Int = 10) -> [Column] {
        var cols = columns
        let fixed = cols.filter { $0.width > 0 }.reduce(0) { $0 + $1.width } + cols.count - 1
        if let i = cols.firstIndex(where: { $0.width == 0 }) { cols[i].width = max(minFlexible, total - fixed) }
        return cols
    }

    /// The first cell of column `index` in a row drawn by `row(_:y:x:columns:...)` from `x`.
    static func columnX(_ columns: [Column], _ index: Int, x: Int) -> Int {
        x + columns.prefix(index).reduce(0) { $0 + $1.width + 1 }
    }

    /// Marks row `y` as a list's selected row, the same way in every list (overview,
    /// archived, agenda, a patient's sessions): the selection glyph in the row's first
    /// cell, and the text of the cell that names the item (the patient's name, the
    /// session's date) reversed with a space either side; the rest of the row keeps its
    /// own styles. Why not the whole row reversed: a cursor move then rewrites two full
    /// rows (555 bytes at 200 columns, what every key costs over a slow SSH link); only
    /// these few cells differ between a selected and an unselected row, so curses sends a
    /// few dozen bytes per row. The glyph keeps the selection unmistakable where reverse
    /// video is faint, and in ASCII (`>`).
    /// - Parameters:
    ///   - column: the naming cell's column (from `layout`), starting at `x`.
    ///   - text: what the naming cell shows (its width bounds the reversed part).
    static func markSelection(_ buf: inout ScreenBuffer, y: Int, glyphs: Glyphs, column: Column, x: Int, text: String) {
        buf.put(glyphs.selection, x: 0, y: y, style: .selectionMark, maxWidth: 1)
        let shown = min(max(1, text.displayWidth), column.width)
        // The space before is the gap between columns (column 0 is the glyph's); the one
        // after is the cell's padding or the next gap.
        let from = max(1, x - 1)
        buf.restyle(x: from, y: y, width: x + shown + 1 - from, style: .selected)
    }

    /// One table row: each cell padded or cut to its column. A cut cell ends with the
    /// glyph set's mark (`~` in ASCII, where `…` would show as garbage), which is why
    /// `ascii` is asked for rather than defaulted.
    static func row(_ buf: inout ScreenBuffer, y: Int, x: Int = 0, columns: [Column], cells: [String], styles: [Style]? = nil, base: Style = .normal,
                    ascii: Bool) {
        var col = x
        for (i, c) in columns.enumerated() {
            let text = (cells[safe: i] ?? "").truncated(toWidth: c.width, ascii: ascii)
            var style = styles?[safe: i] ?? base
            if base.reverse { style.reverse = true }
            // The cells a padded text would give (`padded`, `leftPadded`), without making
            // a string of spaces for every cell of every row drawn.
            if c.right {
                let pad = max(0, c.width - text.displayWidth)
                buf.fill(x: col, y: y, width: pad, style: style)
                buf.put(text, x: col + pad, y: y, style: style, maxWidth: c.width - pad)
            } else {
                let end = buf.put(text, x: col, y: y, style: style, maxWidth: c.width)
                buf.fill(x: end, y: y, width: col + c.width - end, style: style)
            }
            col += c.width + 1
        }
    }
}
