import KetaplanText

/// Every key on every screen, with what it does. The help overlay, the status line and
/// docs/keys.md all come from this one table (a test checks docs/keys.md against it).
public enum KeyTable {
    /// One key (or keys) and what it does.
    public struct Binding: Equatable, Sendable {
        public var keys: String
        public var action: String
        /// The word shown on the status line, for the few keys that matter here.
        public var short: String?
        public var essential: Bool { short != nil }
    }

    static func b(_ keys: String, _ action: String, _ short: String? = nil) -> Binding {
        Binding(keys: keys, action: action, short: short)
    }

    /// Every list's `/`: one search, folded the same way everywhere (`SearchFolding`).
    static let filterAction = "find by name or id; ignores case, accents, dashes"

    /// Keys that work everywhere except while typing in a field.
    public static let global: [Binding] = [
        b("?", "help: every key of this screen", "help"),
        b(":", "message log: this session's messages in full, newest last"),
        b("u", "undo the last saved change"),
        b("Ctrl-R", "redo the change last undone"),
        b("Ctrl-L", "redraw the screen and check every file again"),
        b("Ctrl-C", "leave; asks first if a form holds typed input"),
        b("Ctrl-Z", "suspend to the shell (fg brings it back)"),
    ]

    /// Keys of the boxes drawn over a screen: a question, help, a text.
    public static let boxes: [Binding] = [
        b("y", "yes: do what the question asks"),
        b("n, Esc", "no: leave everything as it was"),
        b("Esc, Enter, q, ?, Space", "close help or a text box"),
        b("Esc, Enter, q, :, Space", "close the message log"),
        b("Up/Down, PgUp/PgDn, Home/End", "scroll help or the message log when longer than the screen"),
    ]

    /// Every key named in `bindings`, one by one ("Up/Down, k/j" binds Up, Down, k, j).
    public static func keys(of bindings: [Binding]) -> Set<String> {
        var keys: Set<String> = []
        for binding in bindings {
            for part in binding.keys.split(separator: ", ").map(String.init) {
                if part == "/" { keys.insert(part); continue }
                for key in part.split(separator: "/") { keys.insert(String(key)) }
            }
        }
        return keys
    }

    public static func bindings(for screen: ScreenKind) -> [Binding] {
        switch screen {
        case .overview:
            return [
                b("Up/Down, k/j", "move the selection"),
                b("PgUp/PgDn, Home/End, g/G", "move a page, or to the first/last patient"),
                b("Enter", "open the selected patient", "open"),
                b("/", filterAction, "filter"),
                b("Esc, Ctrl-U", "clear the filter (Esc with none leaves the archived list)"),
                b("A", "archived patients (plan completed or discontinued), as `patients --archived`; A again: those under care"),
                b("o", "order: needing attention first (a hold or a critical warning), then overdue, then by next session; or by name", "sort"),
                b("a", "agenda: sessions by day", "agenda"),
                b("n", "new patient", "new"),
                b("C", "clinic settings: every setting `clinic set` changes; saving re-plans sessions on newly closed days (not undone by u)"),
                b("q", "quit (asks first if a form holds unsaved input)", "quit"),
            ]
        case .agenda:
            return [
                b("Left/Right, h/l", "previous / next day (a week in week view)", "day"),
                b("Up/Down, k/j", "move the selection"),
                b("PgUp/PgDn, Home/End", "move a page, or to the first/last session"),
                b("t", "back to today"),
                b("w", "day view / week view", "week"),
                b("Enter", "open that patient at that session", "open"),
                b("r", "record the selected session (opens the patient's record form)", "record"),
                b("s", "add a score for the selected patient"),
                b("m", "move the selected session (the patient's move: a day, its chairs, what saving changes)"),
                b("C", "clinic settings (closed days, chairs...), as on the overview"),
                b("/", filterAction, "filter"),
                b("Ctrl-U", "clear the filter"),
                b("Esc, q", "back to the overview (Esc first clears a filter)", "back"),
            ]
        case .patient:
            return [
                b("Tab, Shift-Tab", "switch pane: sessions, calendar, scores, warnings", "pane"),
                b("Up/Down, k/j", "move the selection (sessions), scroll (other panes)"),
                b("PgUp/PgDn, Home/End", "move a page, or to the first/last session"),
                b("Left/Right, h/l", "previous / next month (calendar)"),
                b("Enter", "a recorded session: its whole record and amendments; a planned one: why this date", "open"),
                b("y", "why this date? the engine's reason for it"),
                b("i", "the patient's and the plan's lines in full (the maintenance policy and its reason)"),
                b("r", "record the selected session", "record"),
                b("s", "add a score", "score"),
                b("m", "move the selected session to another date", "move"),
                b("d", "set the planned dose from the selected session on (titration)"),
                b("e", "edit the patient and the screening"),
                b("n", "new plan"),
                b("a", "record a clinician's review of a warning, or acknowledge a screening finding"),
                b("M", "change the maintenance policy (the sessions after induction re-plan; the form shows which)"),
                b("P", "pause, resume, complete or discontinue the plan, with why"),
                b("p", "print preview of the plan summary or handout", "print"),
                b("x", "export: iCalendar, CSV or FHIR file", "export"),
                b("Esc, q", "back", "back"),
            ]
        case .preview:
            return [
                b("Up/Down, k/j", "scroll"),
                b("Left/Right, h/l", "scroll wide lines sideways"),
                b("PgUp/PgDn, Home/End", "scroll a page, or to the top/end"),
                b("t", "switch between the plan summary and the patient handout", "summary/handout"),
                b("m", "switch the summary between text and Markdown"),
                b("p", "print it: asks first, naming the printer and paper; the job id shows below", "print"),
                b("w", "save it to a file (the name is proposed; edit it)", "save"),
                b("Esc, q", "back to the patient", "back"),
            ]
        case .form:
            return [
                b("Tab, Down", "next field", "next field"),
                b("Shift-Tab, Up", "previous field"),
                b("Left/Right", "in a text field: move the cursor; in a choice: the previous / next option"),
                b("Home/End, Ctrl-A/Ctrl-E", "in a text field: cursor to the start / end (a long text scrolls sideways)"),
                b("Backspace", "delete the character before the cursor"),
                b("Delete", "delete the character under the cursor"),
                b("Ctrl-U", "clear the text field"),
                b("Space", "in a choice: toggle an option, cycle a screening answer (in text: a space)"),
                b("Enter", "save (only when every field is valid)", "save"),
                b("Esc", "cancel (asks first if anything was typed)", "cancel"),
                b("F1", "help: these keys (every letter types into the field)", "help"),
                b("Ctrl-C", "leave: asks first; the input is kept for next start"),
            ]
        }
    }

    /// The patient screen while a session's move is open (`m`): choosing the day.
    public static let moving: [Binding] = [
        b("Left/Right, h/l", "the day before / after", "day"),
        b("Up/Down, k/j", "a week earlier / later", "week"),
        b("Home", "back to the session's own day"),
        b("PgUp/PgDn", "scroll what saving does when it does not all fit"),
        b("Enter", "move it there (only when it breaks no rule)", "move"),
        b("y", "move it there although it breaks the rules listed (kept with the session)", "despite"),
        b("Esc, q", "cancel: nothing moves", "cancel"),
    ]

    /// The patient screen while a recorded session's whole record is open (Enter).
    public static let detail: [Binding] = [
        b("Up/Down, k/j", "scroll the record", "scroll"),
        b("PgUp/PgDn, Home/End", "scroll a page, or to the top/end"),
        b("a", "amend the record (a given session): a reason is required; the record as first made stays beside it", "amend"),
        b("Esc, q", "back to the sessions", "back"),
    ]

    /// The bindings as they stand on `screen` now: the agenda's week view moves by weeks,
    /// and the handout has no Markdown form, so help and hints say so.
    public static func bindings(in screen: Screen) -> [Binding] {
        var list = bindings(for: screen.kind)
        switch screen {
        case .agenda(let a) where a.week:
            if let i = list.firstIndex(where: { $0.keys == "Left/Right, h/l" }) {
                list[i] = b("Left/Right, h/l", "previous / next week", "week")
            }
            if let i = list.firstIndex(where: { $0.keys == "w" }) { list[i] = b("w", "back to the day view", "day view") }
        case .patient(let p) where p.move != nil:
            return moving
        case .patient(let p) where p.detail != nil:
            return detail
        case .preview(let p) where p.handout:
            list.removeAll { $0.keys == "m" }
        default:
            break
        }
        return list
    }

    /// The status line's keys for a screen.
    public static func essentials(for screen: ScreenKind) -> [Binding] {
        bindings(for: screen).filter(\.essential) + (screen == .form ? [] : global.filter(\.essential))
    }

    /// The status line's keys for `screen` as it stands.
    public static func essentials(in screen: Screen) -> [Binding] {
        bindings(in: screen).filter(\.essential) + (screen.kind == .form ? [] : global.filter(\.essential))
    }

    /// docs/keys.md.
    public static func markdown() -> String {
        var out = "# Keys\n\nEvery key on every screen. Generated from `KeyTable` (the same table the `?` help\noverlay shows); `KeyTableTests` fails when this file and the table differ.\n"
        out += "\n## Everywhere but in forms\n\n| keys | action |\n|---|---|\n"
        for k in global { out += "| \(k.keys) | \(k.action) |\n" }
        for screen in ScreenKind.allCases {
            out += "\n## \(screen.title)\n\n| keys | action |\n|---|---|\n"
            for k in bindings(for: screen) { out += "| \(k.keys) | \(k.action) |\n" }
        }
        out += "\n## Patient plan: moving a session (m)\n\n| keys | action |\n|---|---|\n"
        for k in moving { out += "| \(k.keys) | \(k.action) |\n" }
        out += "\n## Patient plan: a session's record (Enter on a recorded session)\n\n| keys | action |\n|---|---|\n"
        for k in detail { out += "| \(k.keys) | \(k.action) |\n" }
        out += "\n## Questions and help\n\n| keys | action |\n|---|---|\n"
        for k in boxes { out += "| \(k.keys) | \(k.action) |\n" }
        return out
    }
}

extension KeyTable {
    /// The help overlay's lines for a kind of screen at `width` cells (as `current` stands,
    /// when it is of that kind): the keys in a column, what they do beside them, wrapped;
    /// keys too long for the column get a line of their own. The reducer scrolls by these
    /// lines and the renderer draws them.
    public static func helpLines(for kind: ScreenKind, in current: Screen, width: Int) -> [String] {
        let keyWidth = 22
        let descWidth = max(20, width - keyWidth - 1)
        var lines: [String] = []
        func add(_ b: Binding) {
            var first = b.keys.padded(toWidth: keyWidth) + " "
            if b.keys.displayWidth > keyWidth {
                lines.append(b.keys)
                first = String(repeating: " ", count: keyWidth + 1)
            }
            for (i, part) in Renderer.wrap(b.action, width: descWidth).enumerated() {
                lines.append((i == 0 ? first : String(repeating: " ", count: keyWidth + 1)) + part)
            }
        }
        (kind == current.kind ? bindings(in: current) : bindings(for: kind)).forEach(add)
        if kind != .form {
            lines.append("")
            global.forEach(add)
        }
        return lines
    }
}
