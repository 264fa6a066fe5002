import Testing
import KetaplanEngine
@testable import KetaplanUI

/// Forms at the smallest size (60x18) and larger: the focused field always shows (typing
/// never goes into a field off screen), labels, the title and error messages wrap rather
/// than being cut, and F1 opens the form's help (every printable key types into a field).
@Suite struct FormSmallTerminalTests {
    static let sizes = [(60, 18), (80, 24), (160, 48)]

    /// Every form a clinician opens from a patient, and the new patient form.
    func forms(width: Int, height: Int) -> [(String, AppState)] {
        var out: [(String, AppState)] = []
        for key in ["r", "s", "e", "x"] {
            var state = openedPatient("P-0006", width: width, height: height)
            press(&state, [.char(Character(key))])
            if state.form != nil { out.append((key, state)) }
        }
        var state = makeState(width: width, height: height)
        press(&state, [.char("n")])
        out.append(("new patient", state))
        return out
    }

    @Test(arguments: sizes) func theFocusedFieldAlwaysShowsAndTakesWhatIsTyped(size: (Int, Int)) {
        for (name, start) in forms(width: size.0, height: size.1) {
            var state = start
            let count = state.form?.fields.count ?? 0
            #expect(count > 0)
            for _ in 0..<count {
                guard let form = state.form, let field = form.fields[safe: form.focus], let label = form.layout?.blocks[safe: form.focus]?.label,
                      let first = label.first else { Issue.record("\(name): no form"); return }
                let lines = Renderer.render(state).lines
                #expect(lines.contains { $0.hasPrefix("> " + first) }, "\(name) \(size): \(field.label) not on screen")
                // The whole label shows, wrapped: every line of it, under each other.
                #expect(label.joined(separator: " ") == field.label, "\(name) \(size): '\(field.label)' cut to \(label)")
                if let row = lines.firstIndex(where: { $0.hasPrefix("> " + first) }) {
                    for (n, part) in label.enumerated().dropFirst() {
                        #expect(lines[safe: row + n]?.hasPrefix("  " + part) == true, "\(name) \(size): '\(part)' of '\(field.label)' missing")
                    }
                }
                if field.isTyped {
                    var typed = state
                    type(&typed, "7")
                    #expect(typed.form?.fields[safe: form.focus]?.value == field.value + "7")
                    #expect(Renderer.render(typed).lines.contains { $0.hasPrefix("> " + first) && $0.contains("7") })
                }
                press(&state, [.tab])
            }
        }
    }

    @Test(arguments: sizes) func longScreeningQuestionsWrap(size: (Int, Int)) {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        press(&state, [.char("e")])
        guard let i = state.form?.fields.firstIndex(where: { $0.key == .screening(.aneurysmalVascularDisease) }) else { Issue.record("no question"); return }
        press(&state, Array(repeating: Key.tab, count: i))
        assertSnapshot(state, "form-screening-label")
    }

    @Test(arguments: sizes) func aLongErrorIsShownWhole(size: (Int, Int)) {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        press(&state, [.char("r")])
        guard case .form(var form) = state.current else { Issue.record("no form"); return }
        let message = "the pre-dose blood pressure 182/104 is over 180/100: recheck after 5 minutes of rest, or give the dose with an override reason naming who decided and why"
        form.error = message
        state.screens[state.screens.count - 1] = .form(form)
        _ = Reducer.reduce(&state, .resize(width: size.0, height: size.1))
        let shown = Renderer.render(state).lines.map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
        #expect(shown.contains("! Not saved: " + message), "\(size)")
        assertSnapshot(state, "form-long-error")
    }

    @Test(arguments: sizes) func f1OpensTheFormsHelpAndQuestionMarkTypes(size: (Int, Int)) {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        press(&state, [.char("r")])
        let note = state.form?.fields.firstIndex { $0.key == .note } ?? 0
        press(&state, Array(repeating: Key.tab, count: note))
        type(&state, "why?")
        #expect(state.form?[.note].value == "why?")
        #expect(state.overlay == nil)
        #expect(Renderer.render(state).lines.last?.contains("F1 help") == true)
        press(&state, [.function(1)])
        #expect(state.overlay == .help(.form))
        assertSnapshot(state, "form-help")
        let help = Renderer.render(state).lines.joined()
        #expect(help.contains("Keys: Forms"))
        #expect(KeyTable.helpLines(for: .form, in: state.current, width: state.metrics.helpTextWidth).contains { $0.contains("Ctrl-U") })
        press(&state, [.escape])
        #expect(state.overlay == nil)
        #expect(state.form?[.note].value == "why?")
    }
}
