import KetaplanText

extension Renderer {
    static func preview(_ buf: inout ScreenBuffer, _ state: AppState, _ p: PreviewState) {
        let g = state.glyphs
        let lines = p.lines ?? []
        let what = p.handout ? "Handout" : (p.markdown ? "Summary (Markdown)" : "Summary")
        let paper = state.clinic.paper?.cupsMedia ?? "default"
        buf.put(" \(what), \(Plural.count(lines.count, "line")) · \(p.printer.label) · paper: \(paper)", x: 0, y: 1, style: .heading, maxWidth: buf.width)
        let page = state.metrics.previewRows
        for (i, line) in lines.dropFirst(p.scroll).prefix(page).enumerated() {
            let y = 2 + i
            if line.hasPrefix("\u{0C}") {
                buf.put(String(repeating: g.horizontal, count: 3) + " page break " + String(repeating: g.horizontal, count: 3), x: 1, y: y, style: .muted)
                continue
            }
            // A printed line wider than the screen ends in an ellipsis (Right scrolls to it).
            buf.put(dropping(g.safe(line), columns: p.column).truncated(toWidth: buf.width - 2, ascii: g.ascii), x: 1, y: y, maxWidth: buf.width - 2)
        }
        if lines.count > page {
            let info = " \(min(lines.count, p.scroll + 1))-\(min(lines.count, p.scroll + page))/\(lines.count) "
            buf.put(info, x: buf.width - info.displayWidth, y: 1, style: .muted)
        }
    }

    /// `text` without its first `columns` display columns (a wide character cut in half
    /// goes whole).
    static func dropping(_ text: String, columns: Int) -> String {
        guard columns > 0 else { return text }
        var width = 0
        var i = text.startIndex
        while i < text.endIndex, width < columns {
            width += DisplayWidth.of(text[i])
            i = text.index(after: i)
        }
        return String(text[i...])
    }
}
