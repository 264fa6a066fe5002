import Testing
import KetaplanEngine
import KetaplanPrint
import KetaplanStore
import KetaplanText
@testable import KetaplanUI

/// Every hint on every screen names keys the key table binds there, and the hints that
/// depend on the view say what the keys do in it.
@Suite struct KeyHintTests {
    func opened(_ id: String, width: Int, height: Int) -> AppState {
        var state = makeState(width: width, height: height)
        guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == id }) else { return state }
        press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter])
        return state
    }

    /// Named keys as hints write them; a whole word only ("Enter", not "Entered").
    static var named: Regex<(Substring, Substring)> { /(?:^|[^A-Za-z\-])(Shift-Tab|Ctrl-[A-Z]|F[0-9]{1,2}|Up|Down|Left|Right|PgUp|PgDn|Home|End|Enter|Esc|Tab|Space|Backspace|Delete)(?![A-Za-z\-])/ }

    /// The keys a screen's hints name: named keys anywhere, "press x", "(x)", "x to ...",
    /// "x, y or z closes", "y yes", and the first word of each status-bar item.
    static func hintedKeys(_ lines: [String]) -> [(key: String, line: String)] {
        var found: [(String, String)] = []
        for (row, line) in lines.enumerated() {
            for m in line.matches(of: named) { found.append((String(m.output.1), line)) }
            for m in line.matches(of: /press (\S)[\s.,;]/) { found.append((String(m.output.1), line)) }
            for m in line.matches(of: /\(([^\s\d])\)/) { found.append((String(m.output.1), line)) }
            for m in line.matches(of: /(?:^|\s)([^\s\d])\s+to\s/) { found.append((String(m.output.1), line)) }
            for m in line.matches(of: /(?:^|[\s│|])(\S) (?:yes|no)\b/) { found.append((String(m.output.1), line)) }
            if let m = line.firstMatch(of: /([^│|]*?) closes/) {
                for key in m.output.1.split(separator: /,\s*|\s+or\s+/) { found.append((key.trimmingCharacters(), line)) }
            }
            if row == lines.count - 1 {
                for item in line.split(separator: /\s{2,}/) {
                    guard let first = item.split(separator: " ").first else { continue }
                    let word = String(first)
                    let keys = word == "/" ? ["/"] : word.split(separator: "/").map(String.init)
                    for key in keys where key.count == 1 || (" " + key).wholeMatch(of: Self.named) != nil { found.append((key, line)) }
                }
            }
        }
        return found.filter { !$0.0.isEmpty }
    }

    /// Keys bound where `state` is: its screen as it stands, the global keys outside
    /// forms, and the keys of a box over it.
    static func bound(_ state: AppState) -> Set<String> {
        var bindings = KeyTable.bindings(in: state.current)
        if state.current.kind != .form { bindings += KeyTable.global }
        if state.overlay != nil { bindings += KeyTable.boxes }
        return KeyTable.keys(of: bindings)
    }

    /// One state of every screen kind, each box, the filters and the messages that name
    /// keys.
    static func everyScreen(width: Int, height: Int) -> [(String, AppState)] {
        var all: [(String, AppState)] = []
        func add(_ name: String, _ state: AppState) {
            all.append((name, state))
            var help = state
            press(&help, [.char("?")])
            if help.overlay != nil { all.append((name + " help", help)) }
        }
        let overview = makeState(width: width, height: height)
        add("overview", overview)
        var filtering = overview
        press(&filtering, [.char("/")])
        type(&filtering, "zz")
        add("overview filter", filtering)
        var archived = overview
        press(&archived, [.char("A")])
        add("archived list", archived)
        var agenda = overview
        press(&agenda, [.char("a")])
        add("agenda day", agenda)
        var week = agenda
        press(&week, [.char("w")])
        add("agenda week", week)
        var agendaFilter = agenda
        press(&agendaFilter, [.char("/")])
        add("agenda filter", agendaFilter)
        let patient = KeyHintTests().opened("P-0006", width: width, height: height)
        add("patient", patient)
        var panes = patient
        for pane in 1...3 {
            press(&panes, [.tab])
            add("patient pane \(pane)", panes)
        }
        var why = patient
        press(&why, [.enter])
        add("why", why)
        add("no plan", KeyHintTests().opened("P-0002", width: width, height: height))
        for (key, name) in [("r", "record"), ("s", "score"), ("m", "move"), ("d", "dose"), ("e", "patient"), ("n", "plan"), ("a", "review"), ("x", "export")] {
            var form = patient
            press(&form, [.char(Character(key))])
            add("form \(name)", form)
        }
        var breaking = patient
        press(&breaking, [.char("m"), .left, .left])
        add("move breaking rules", breaking)
        press(&breaking, [.enter])
        add("move refused on Enter", breaking)
        var newPatient = overview
        press(&newPatient, [.char("n")])
        type(&newPatient, "Zo")
        add("form new patient", newPatient)
        var discard = newPatient
        press(&discard, [.escape])
        add("discard question", discard)
        var leave = newPatient
        press(&leave, [.ctrl("c")])
        add("leave question", leave)
        var preview = patient
        press(&preview, [.char("p")])
        _ = Reducer.reduce(&preview, .printerFound(.ready(PrinterChoice(name: try! PrinterName("front-desk"), source: .cupsDefault))))
        add("summary preview", preview)
        var markdown = preview
        press(&markdown, [.char("m")])
        add("markdown preview", markdown)
        var markdownPrint = markdown
        press(&markdownPrint, [.char("p")])
        add("markdown print refused", markdownPrint)
        var handout = preview
        press(&handout, [.char("t")])
        add("handout preview", handout)
        var handoutM = handout
        press(&handoutM, [.char("m")])
        add("m in the handout", handoutM)
        var printQuestion = preview
        press(&printQuestion, [.char("p")])
        add("print question", printQuestion)
        var saveText = preview
        press(&saveText, [.char("w")])
        add("form save text", saveText)
        var replace = preview
        _ = Reducer.reduce(&replace, .fileExists(path: "/tmp/x.txt", contents: "x"))
        add("replace question", replace)
        var log = overview
        _ = Reducer.reduce(&log, .outputDone(Message(.error, String(repeating: "lp: the printer front-desk went away ", count: 12))))
        add("long message", log)
        press(&log, [.char(":")])
        add("message log", log)
        return all
    }

    @Test(arguments: [(80, 24), (60, 18), (160, 48)])
    func everyHintNamesABoundKey(size: (Int, Int)) {
        let screens = Self.everyScreen(width: size.0, height: size.1)
        #expect(screens.count > 40)
        for (name, state) in screens {
            let lines = Renderer.render(state).lines
            // A print preview's body is the printout, not hints: only its frame is read.
            let read = state.current.kind == .preview && state.overlay == nil ? Array(lines.prefix(2) + lines.suffix(2)) : lines
            let bound = Self.bound(state)
            for (key, line) in Self.hintedKeys(read) where !bound.contains(key) {
                Issue.record("\(name) at \(size.0)x\(size.1): the hint names \(key), which the key table does not bind there:\n\(line)")
            }
        }
    }

    /// The checker is not blind: a hint naming an unbound key is caught.
    @Test func theScanCatchesAnUnboundKey() {
        var state = makeState()
        state.message = Message(.info, "press z to zoom")
        let found = Self.hintedKeys(Renderer.render(state).lines).map(\.key)
        #expect(found.contains("z"))
        #expect(!Self.bound(state).contains("z"))
        #expect(found.contains("Enter") && found.contains("?"), "status-bar keys are read: \(found)")
    }

    @Test func theAgendaHintSaysWhatLeftRightDoInEachView() {
        var state = makeState()
        press(&state, [.char("a")])
        #expect(Renderer.render(state).lines.last?.contains("Left/Right day") == true)
        press(&state, [.right])
        guard case .agenda(let day) = state.current else { Issue.record("no agenda"); return }
        #expect(day.day == testToday.adding(days: 1))
        press(&state, [.char("w")])
        let status = Renderer.render(state).lines.last ?? ""
        #expect(status.contains("Left/Right week"), "\(status)")
        press(&state, [.char("l")])
        guard case .agenda(let week) = state.current else { Issue.record("no agenda"); return }
        #expect(week.day == testToday.adding(days: 8))
        press(&state, [.char("?")])
        #expect(Renderer.render(state).lines.contains { $0.contains("previous / next week") })
    }

    @Test func previewLeftRightScrollSidewaysAndNeverPrint() {
        var state = opened("P-0006", width: 60, height: 18)
        press(&state, [.char("p")])
        _ = Reducer.reduce(&state, .printerFound(.ready(PrinterChoice(name: try! PrinterName("front-desk"), source: .cupsDefault))))
        guard case .preview(let p) = state.current else { Issue.record("no preview"); return }
        let widest = Reducer.previewLines(state, p).map(\.displayWidth).max() ?? 0
        #expect(widest > 58, "the summary has lines wider than a 60-column screen")
        #expect(press(&state, [.char("l"), .right]).isEmpty)
        #expect(state.overlay == nil, "l asked to print")
        guard case .preview(let right) = state.current else { return }
        #expect(right.column == 2 * Reducer.previewColumnStep)
        press(&state, [.char("h"), .left, .left])
        guard case .preview(let back) = state.current else { return }
        #expect(back.column == 0)
        // Printing is p, and it asks.
        press(&state, [.char("p")])
        guard case .confirm(.print) = state.overlay else { Issue.record("p did not ask: \(String(describing: state.overlay))"); return }
    }

    @Test func mInTheHandoutSaysWhatItDoesAndItsHelpDoesNotOfferIt() {
        var state = opened("P-0006", width: 100, height: 30)
        press(&state, [.char("p"), .char("t")])
        press(&state, [.char("m")])
        guard case .preview(let p) = state.current else { Issue.record("no preview"); return }
        #expect(p.handout && !p.markdown)
        #expect(state.message?.text.contains("m switches the plan summary") == true)
        press(&state, [.char("?")])
        let help = Renderer.render(state).lines
        #expect(!help.contains { $0.contains("between text and Markdown") })
        press(&state, [.escape, .char("t"), .char("?")])
        #expect(Renderer.render(state).lines.contains { $0.contains("between text and Markdown") })
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
