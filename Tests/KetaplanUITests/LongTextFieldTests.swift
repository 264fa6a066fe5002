import Testing
import KetaplanEngine
import KetaplanText
@testable import KetaplanUI

/// A field holding far more text than it shows (a hostile file, a paste gone wrong) opens
/// and answers keys: the sideways scroll walks only as far as the field is wide (F9), and
/// one-line text longer than `TextLength.oneLineLimit` is refused by the form as by the
/// command line.
@Suite struct LongTextFieldTests {
    /// The edit-patient form of P-0006 as its file would give it with a name of `length` characters.
    func editForm(nameLength length: Int) -> AppState {
        var state = openedPatient("P-0006")
        guard case .patient(var p) = state.current else { Issue.record("no patient screen"); return state }
        p.stored?.chart.patient.name = String(repeating: "A", count: length)
        state.screens[state.screens.count - 1] = .patient(p)
        press(&state, [.char("e")])
        return state
    }

    @Test func aHundredThousandCharacterNameOpensAndAnswersKeys() {
        var state = editForm(nameLength: 100_000)
        guard let form = state.form, let name = form.fields.firstIndex(where: { $0.key == .name }) else { Issue.record("no form"); return }
        #expect(form.fields[name].value.count == 100_000)
        press(&state, Array(repeating: Key.tab, count: name - form.focus))
        #expect(state.form?.focus == name)
        // Cursor at the end: the end of the name shows, cut on the left.
        let width = state.metrics.formValueWidth
        #expect((state.form?.textScroll ?? 0) > 100_000 - width)
        press(&state, [.home])
        #expect(state.form?.textScroll == 0)
        #expect(state.form?.cursorIndex == 0)
        press(&state, [.delete, .right])
        #expect(state.form?.fields[name].value.count == 99_999)
        #expect(state.form?.cursorIndex == 1)
        press(&state, [.end])
        #expect(state.form?.cursorIndex == 99_999)
        let row = Renderer.render(state).lines.first { $0.contains("> Name") } ?? ""
        #expect(row.contains("…AAAA"), "\(row)")
        // Saving is refused, naming the limit; a name of the allowed length then saves.
        press(&state, [.enter])
        #expect(state.form?.error?.contains("Name is longer than 200 characters") == true, "\(state.form?.error ?? "no error")")
        press(&state, [.ctrl("u")])
        type(&state, "Ann Example")
        let effects = press(&state, [.enter])
        #expect(effects.contains { if case .save(let chart, _, _) = $0 { chart.patient.name == "Ann Example" } else { false } }, "\(effects)")
    }

    @Test func aNameAtTheLimitSavesAndOneOverIsRefused() {
        var state = editForm(nameLength: TextLength.oneLineLimit + 1)
        press(&state, [.enter])
        #expect(state.form?.error?.contains("longer than \(TextLength.oneLineLimit)") == true, "\(state.form?.error ?? "no error")")
        state = editForm(nameLength: TextLength.oneLineLimit)
        let effects = press(&state, [.enter])
        #expect(effects.contains { if case .save(let chart, _, _) = $0 { chart.patient.name.count == TextLength.oneLineLimit } else { false } }, "\(effects)")
    }

    /// The bounded scroll chooses exactly what the earlier, character-by-character search
    /// chose (kept here as the reference) for every cursor and width, wide characters too.
    @Test func theBoundedScrollMatchesTheReference() {
        func cells(_ t: ArraySlice<Character>) -> Int { t.reduce(0) { $0 + max(1, DisplayWidth.of($1)) } }
        func fits(_ text: [Character], cursor: Int, scroll: Int, width: Int) -> Bool {
            var used = (scroll > 0 ? 1 : 0) + cells(text[scroll..<cursor]) + (cursor < text.count ? max(1, DisplayWidth.of(text[cursor])) : 1)
            if cursor + 1 < text.count, used + cells(text[(cursor + 1)...]) > width { used += 1 }
            return used <= width
        }
        func reference(_ text: [Character], cursor: Int, from current: Int, width: Int) -> Int {
            var scroll = max(0, min(current, cursor))
            while scroll < cursor, !fits(text, cursor: cursor, scroll: scroll, width: width) { scroll += 1 }
            func wholeTailFits(_ s: Int) -> Bool { (s > 0 ? 1 : 0) + cells(text[s...]) + (cursor == text.count ? 1 : 0) <= width }
            while scroll > 0, wholeTailFits(scroll - 1) { scroll -= 1 }
            return scroll
        }
        let texts = ["", "a", "short", "Patient felt dizzy at 20 minutes, settled by 35", "患者は20分でめまい、35分で落ち着いた。家族と帰宅", "ab患c者deはf"]
        for text in texts.map(Array.init) {
            for width in [3, 4, 5, 8, 13, 30] {
                for cursor in 0...text.count {
                    for current in Set([0, 1, cursor / 2, max(0, cursor - 3), cursor, text.count]) {
                        #expect(TextWindow.scroll(text, cursor: cursor, from: current, width: width) == reference(text, cursor: cursor, from: current, width: width),
                                "'\(String(text))' width \(width) cursor \(cursor) from \(current)")
                    }
                }
            }
        }
    }
}
