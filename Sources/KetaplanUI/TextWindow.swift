import KetaplanText

/// The part of a typed field's text that shows in a field a few cells wide: text longer
/// than the field scrolls sideways so the cursor is always in view, and a mark at either
/// edge says text is hidden there. The reducer keeps the scroll (`FormState.textScroll`)
/// with `scroll(_:cursor:from:width:)`; the renderer draws `view(_:cursor:scroll:width:mark:)`.
public enum TextWindow {
    /// What a field shows: the text before the cursor (with the left mark), the cursor's
    /// cell (the character under it, or `_` at the end), and what follows (with the right mark).
    public struct View: Equatable, Sendable {
        public var before: String
        public var cursor: String?
        public var after: String
    }

    static func cells(_ c: Character) -> Int { max(1, DisplayWidth.of(c)) }

    static func cells(_ text: ArraySlice<Character>) -> Int { text.reduce(0) { $0 + cells($1) } }

    /// Whether, showing from `scroll`, the cursor's cell fits in `width` cells (with the
    /// left mark, and room for the right mark when what follows is cut).
    static func fits(_ text: [Character], cursor: Int, scroll: Int, width: Int) -> Bool {
        var used = (scroll > 0 ? 1 : 0) + cells(text[scroll..<cursor]) + (cursor < text.count ? cells(text[cursor]) : 1)
        if cursor + 1 < text.count, used + cells(text[(cursor + 1)...]) > width { used += 1 }
        return used <= width
    }

    /// The first character to show so that the cursor is in view, moving as little as
    /// possible from `current`; when the end of the text shows, as much as fits before it.
    public static func scroll(_ text: [Character], cursor: Int, from current: Int, width: Int) -> Int {
        let cursor = max(0, min(cursor, text.count))
        var scroll = max(0, min(current, cursor))
        while scroll < cursor, !fits(text, cursor: cursor, scroll: scroll, width: width) { scroll += 1 }
        // After deleting near the end: pull the text back in rather than leave cells empty.
        func wholeTailFits(_ s: Int) -> Bool {
            (s > 0 ? 1 : 0) + cells(text[s...]) + (cursor == text.count ? 1 : 0) <= width
        }
        while scroll > 0, wholeTailFits(scroll - 1) { scroll -= 1 }
        return scroll
    }

    /// What shows from `scroll` in `width` cells; `cursor` nil for a field without focus.
    public static func view(_ text: [Character], cursor: Int?, scroll: Int, width: Int, mark: String) -> View {
        let scroll = max(0, min(scroll, text.count))
        var before = scroll > 0 ? mark : ""
        var used = before.displayWidth
        let end = cursor.map { max(scroll, min($0, text.count)) }
        var i = scroll
        if let end {
            before += String(text[scroll..<end])
            used += cells(text[scroll..<end])
            i = end
        }
        var cursorCell: String?
        if let end {
            cursorCell = end < text.count ? String(text[end]) : "_"
            used += end < text.count ? cells(text[end]) : 1
            i = end + 1
        }
        var after = ""
        while i < text.count {
            let rest = cells(text[i...])
            if used + rest <= width { after += String(text[i...]); break }
            if used + cells(text[i]) + 1 > width { after += mark; break }
            after.append(text[i])
            used += cells(text[i])
            i += 1
        }
        return View(before: before, cursor: cursorCell, after: after)
    }
}
