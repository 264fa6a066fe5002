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
        keypad(window, true)
        curs_set(0)
        kt_set_escdelay(25)
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

    func next() -> Event? {
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == ERR { return nil }
        if r == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_RESIZE:
                let s = size
                return .resize(s.width, s.height)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_ENTER: return .key(.enter)
            default:
                let f = Int32(ch) - KEY_F0
                return (1...12).contains(f) ? .key(.function(Int(f))) : nil
            }
        }
        switch ch {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(UnicodeScalar(UInt8(ch) + 96))))
        default:
            guard let scalar = UnicodeScalar(UInt32(ch)) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// Gives the terminal back as it was.
    func end() {
        endwin()
    }
}
