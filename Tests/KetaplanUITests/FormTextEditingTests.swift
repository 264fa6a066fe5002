import Testing
import KetaplanEngine
@testable import KetaplanUI

/// Typed fields edit at a visible cursor (Left/Right/Home/End/Ctrl-A/Ctrl-E move it,
/// Backspace/Delete edit at it, Ctrl-U clears), and text longer than the field scrolls
/// sideways so the cursor always shows; choice fields keep Left/Right for their options.
@Suite struct FormTextEditingTests {
    static let sizes = [(60, 18), (80, 24), (160, 48)]

    /// The record form of P-0006 with the focus on Note.
    func recordNote(width: Int = 80, height: Int = 24) -> AppState {
        var state = openedPatient("P-0006", width: width, height: height)
        press(&state, [.char("r")])
        let note = state.form?.fields.firstIndex { $0.key == .note } ?? 0
        press(&state, Array(repeating: Key.tab, count: note))
        return state
    }

    var noteValue: (AppState) -> String { { $0.form?[.note].value ?? "<no form>" } }

    @Test func keysMoveTheCursorAndEditAtIt() {
        var state = recordNote()
        #expect(state.form?.fields[state.form?.focus ?? 0].key == .note)
        type(&state, "abcdef")
        press(&state, [.left, .left])
        #expect(state.form?.cursorIndex == 4)
        type(&state, "X")
        #expect(noteValue(state) == "abcdXef")
        press(&state, [.home, .delete])
        #expect(noteValue(state) == "bcdXef")
        #expect(state.form?.cursorIndex == 0)
        press(&state, [.ctrl("e"), .backspace])
        #expect(noteValue(state) == "bcdXe")
        press(&state, [.ctrl("a"), .right, .backspace])
        #expect(noteValue(state) == "cdXe")
        #expect(state.form?.cursorIndex == 0)
        // At the ends, the keys that would go past them do nothing.
        press(&state, [.backspace, .left])
        #expect(noteValue(state) == "cdXe")
        press(&state, [.end, .delete, .right])
        #expect(noteValue(state) == "cdXe")
        #expect(state.form?.cursorIndex == 4)
        press(&state, [.ctrl("u")])
        #expect(noteValue(state) == "")
        type(&state, "after clearing")
        #expect(noteValue(state) == "after clearing")
        // Another field and back: the cursor starts at the end of the text.
        press(&state, [.tab, .backTab, .left])
        type(&state, "-")
        #expect(noteValue(state) == "after clearin-g")
    }

    @Test func choiceFieldsKeepLeftRightForTheirOptions() {
        var state = openedPatient("P-0006")
        press(&state, [.char("r")])
        // The selected session is after today: the outcome starts at deferred.
        #expect(state.form?[.status].value == "deferred")
        press(&state, [.right])
        #expect(state.form?[.status].value == "cancelled")
        press(&state, [.left, .left])
        #expect(state.form?[.status].value == "missed")
        // Home and Ctrl-U do not type into or clear a choice.
        press(&state, [.home, .ctrl("u")])
        #expect(state.form?[.status].value == "missed")
    }

    @Test func aLongValueScrollsSoTheCursorShows() {
        let text = "Patient felt dizzy at 20 minutes, settled by 35; drove home with partner"
        for (w, h) in Self.sizes {
            var state = recordNote(width: w, height: h)
            type(&state, text)
            #expect(noteValue(state) == text)
            let width = state.metrics.formValueWidth
            // At every cursor position, the cursor's cell is inside the field.
            for position in stride(from: text.count, through: 0, by: -1) {
                guard let form = state.form, let field = form.fields[safe: form.focus] else { Issue.record("no form"); return }
                #expect(form.cursorIndex == position)
                let view = TextWindow.view(Array(field.value), cursor: form.cursorIndex, scroll: form.textScroll, width: width, mark: "…")
                #expect(view.before.displayWidth + 1 <= width, "\(w)x\(h) cursor \(position)")
                #expect(view.before.displayWidth + (view.cursor?.displayWidth ?? 0) + view.after.displayWidth <= width)
                // What shows is the text itself around the cursor, marked where cut.
                let shown = view.before + (view.cursor == "_" ? "" : view.cursor ?? "") + view.after
                let unmarked = shown.replacingOccurrences(of: "…", with: "")
                #expect(text.contains(unmarked), "\(w)x\(h): '\(shown)'")
                if position > 0 { press(&state, [.left]) }
            }
            // The start shows, cut on the right.
            let row = Renderer.render(state).lines.first { $0.contains("> Note") } ?? ""
            #expect(row.contains("Patient felt dizzy"))
            #expect(row.contains("…"))
        }
    }

    @Test func wideCharactersKeepTheCursorInTheField() {
        let text = Array("患者は20分でめまい、35分で落ち着いた。家族と帰宅")
        for width in [4, 10, 28] {
            var scroll = 0
            for cursor in (0...text.count).reversed() {
                scroll = TextWindow.scroll(text, cursor: cursor, from: scroll, width: width)
                let view = TextWindow.view(text, cursor: cursor, scroll: scroll, width: width, mark: "…")
                let used = view.before.displayWidth + (view.cursor?.displayWidth ?? 0) + view.after.displayWidth
                #expect(used <= width, "width \(width) cursor \(cursor): \(view)")
                #expect(view.cursor == (cursor < text.count ? String(text[cursor]) : "_"))
            }
        }
    }

    @Test(arguments: sizes) func editingInTheMiddleOfALongNote(size: (Int, Int)) {
        var state = recordNote(width: size.0, height: size.1)
        type(&state, "Patient felt dizzy at 20 minutes, settled by 35; drove home with partner")
        press(&state, Array(repeating: Key.left, count: 30))
        type(&state, "(BP fine) ")
        assertSnapshot(state, "form-note-cursor")
        press(&state, [.home])
        assertSnapshot(state, "form-note-home")
    }
}
