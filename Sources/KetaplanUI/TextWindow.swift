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

    /// The cells `text` takes, counted no further than `limit + 1`: enough to tell whether
    /// it fits in `limit`, in work bounded by the field's width rather than the text's length.
    static func cells(_ text: ArraySlice<Character>, upTo limit: Int) -> Int {
        var total = 0
        for c in text {
            total += cells(c)
            if total > limit { break }
        }
        return total
    }

    /// The first character to show so that the cursor is in view, moving as little as
    /// possible from `current`; when the end of the text shows, as much as fits before it.
    ///
    /// Both searches walk out from the cursor or the end of the text and stop once the
    /// field is full, so a key costs work in proportion to the field's width, never to the
    /// text's length (a 100,000-character name opens as fast as a short one).
    public static func scroll(_ text: [Character], cursor: Int, from current: Int, width: Int) -> Int {
        let cursor = max(0, min(cursor, text.count))
        let start = max(0, min(current, cursor))
        // What the cursor's cell and what follows it take, whatever is shown before it.
        let cursorCells = cursor < text.count ? cells(text[cursor]) : 1
        let tail = cursor + 1 < text.count ? cells(text[(cursor + 1)...], upTo: width) : 0
        func fits(_ s: Int, before: Int) -> Bool {
            var used = (s > 0 ? 1 : 0) + before + cursorCells
            if cursor + 1 < text.count, used + tail > width { used += 1 }
            return used <= width
        }
        // The leftmost start that keeps the cursor in view: showing more before the cursor
        // only ever takes more cells, so walk left from the cursor until it no longer fits.
        var earliest = cursor
        var before = 0
        while earliest > 0 {
            let more = before + cells(text[earliest - 1])
            guard fits(earliest - 1, before: more) else { break }
            earliest -= 1
            before = more
        }
        var scroll = max(start, earliest)
        // After deleting near the end: pull the text back in rather than leave cells empty.
        // The leftmost start from which the whole rest of the text fits, walking in from the end.
        let endCell = cursor == text.count ? 1 : 0
        var whole = text.count
        var rest = 0
        while whole > 0 {
            let more = rest + cells(text[whole - 1])
            guard (whole - 1 > 0 ? 1 : 0) + more + endCell <= width else { break }
            whole -= 1
            rest = more
        }
        if whole < scroll { scroll = whole }
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
            let rest = cells(text[i...], upTo: width - used)
            if used + rest <= width { after += String(text[i...]); break }
            if used + cells(text[i]) + 1 > width { after += mark; break }
            after.append(text[i])
            used += cells(text[i])
            i += 1
        }
        return View(before: before, cursor: cursorCell, after: after)
    }
}
