import CNcursesw
import CTerminalSupport
import Foundation
import KetaplanUI

/// The curses screen. The only type that talks to the terminal: it copies a
/// `ScreenBuffer` out (only the rows that changed) and turns key codes into `Key`s.
/// Not Sendable: curses is single-threaded and lives on the main thread.
final class Terminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: ScreenBuffer?
    private var pairs: [Style.Role: Int16] = [:]
    private var parser = KeyParser()
    /// Keys the parser completed that `next()` has not returned yet.
    private var queued: [Event] = []
    /// When the parser began waiting (for the rest of an Esc sequence), in ms.
    private var sequenceStarted: Int?
    let colour: Bool
    let unicode: Bool

    /// Starts curses on the controlling terminal.
    init(environment: [String: String]) {
        setlocale(LC_ALL, "")
        unicode = kt_locale_is_utf8() != 0
        window = initscr()!
        cbreak()
        noecho()
        nonl()
        // Keys are read as characters and parsed by KeyParser, not by terminfo.
        keypad(window, false)
        // Ctrl-C is a key the screen answers (it asks before dropping a typed form), not a
        // signal; Ctrl-Z still suspends.
        kt_disable_interrupt_key()
        curs_set(0)
        // The cursor stays hidden (forms draw their own), so curses need not move it back
        // to the window's cursor after every refresh: bytes saved on every key.
        leaveok(window, true)
        wtimeout(window, 200)
        // NO_COLOR (no-color.org): any non-empty value turns colour off.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        colour = has_colors() && !noColor
        if colour {
            start_color()
            use_default_colors()
            let table: [(Style.Role, Int16)] = [(.heading, Int16(COLOR_CYAN)), (.critical, Int16(COLOR_RED)), (.caution, Int16(COLOR_YELLOW)),
                                                (.good, Int16(COLOR_GREEN)), (.accent, Int16(COLOR_BLUE)), (.muted, -1), (.bar, -1)]
            for (n, entry) in table.enumerated() {
                init_pair(Int16(n + 1), entry.1, -1)
                pairs[entry.0] = Int16(n + 1)
            }
        }
    }

    var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }

    /// Draws the rows of `buffer` that changed since the last frame.
    func draw(_ buffer: ScreenBuffer, force: Bool = false) {
        if force { previous = nil; wclear(window) }
        for y in buffer.changedRows(since: previous) {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                // Runs of one style go out in one call.
                var run = ""
                let style = cell.style
                var end = x
                while end < buffer.width, buffer[end, y].style == style {
                    run += buffer[end, y].text
                    end += 1
                }
                apply(style)
                // Writing the bottom-right cell scrolls some terminals; leave it out.
                if y == buffer.height - 1, end == buffer.width, !run.isEmpty { run.removeLast() }
                mvwaddstr(window, Int32(y), Int32(x), run)
                x = end
            }
        }
        wattr_set(window, 0, 0, nil)
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    private func apply(_ style: Style) {
        var attrs: UInt32 = 0
        if style.bold { attrs |= kt_attr_bold() }
        if style.reverse { attrs |= kt_attr_reverse() }
        if style.underline { attrs |= kt_attr_underline() }
        if style.role == .muted, !colour { attrs |= kt_attr_dim() }
        let pair = colour ? (pairs[style.role] ?? 0) : 0
        wattr_set(window, attr_t(attrs), pair, nil)
    }

    /// What the terminal reported: a key, a resize, or nothing before the timeout.
    enum Event {
        case key(Key)
        case resize(Int, Int)
    }

    /// The next key or resize, or nil when nothing came within the loop's tick.
    ///
    /// Characters go through `KeyParser` (keypad translation is off), so keys do not
    /// depend on the terminfo entry; the wait after an Esc is the parser's.
    func next() -> Event? {
        if !queued.isEmpty { return queued.removeFirst() }
        let waiting = parser.waiting
        let limit = waiting == .nothing ? 200 : waiting == .escape ? KeyParser.escapeDelay : KeyParser.sequenceDelay
        if waiting == .nothing { sequenceStarted = nil }
        wtimeout(window, Int32(limit))
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR {
            // A signal also ends the wait early: only time, not any ERR, ends a sequence.
            if waiting != .nothing, let start = sequenceStarted, Self.milliseconds() - start >= limit {
                queued = parser.timeout().map(Event.key)
                sequenceStarted = nil
            }
            return queued.isEmpty ? nil : queued.removeFirst()
        }
        if r == KEY_CODE_YES {
            // With keypad translation off only a resize comes as a code.
            guard Int32(ch) == KEY_RESIZE else { return nil }
            let s = size
            return .resize(s.width, s.height)
        }
        guard let scalar = UnicodeScalar(UInt32(ch)) else { return nil }
        queued = parser.feed(scalar).map(Event.key)
        // Every character of a sequence restarts the wait for the next.
        sequenceStarted = parser.waiting == .nothing ? nil : Self.milliseconds()
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    private static func milliseconds() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }

    /// Gives the terminal back as it was.
    func end() {
        endwin()
    }
}
