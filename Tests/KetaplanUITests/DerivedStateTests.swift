import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// What the engine says is worked out by the reducer when its inputs change and kept in
/// state; the renderer reads it, and pages and scrolls with the same `ScreenMetrics`.
@Suite struct DerivedStateTests {
    func patientView(_ state: AppState) -> PatientView? {
        if case .patient(let p) = state.current { return p }
        return nil
    }

    /// The patient's warnings and holds are the engine's, worked out when the chart
    /// arrives; a resize wraps the banner again and the page shrinks with it.
    @Test func patientFactsComeFromTheEngineWhenTheChartArrivesAndFollowTheWidth() throws {
        var state = openedPatient("P-0004", width: 160, height: 30)
        let p = try #require(patientView(state))
        let facts = try #require(p.facts)
        let chart = storedChart("P-0004").chart
        let context = state.context(for: pid("P-0004"))
        #expect(facts.warnings == SafetyChecker(context: context).warnings(for: chart))
        #expect(facts.holds == HoldChecker(context: context).holds(for: chart))
        #expect(!facts.banner.isEmpty)
        let wide = facts.banner.count
        _ = Reducer.reduce(&state, .resize(width: 60, height: 30))
        let narrow = try #require(patientView(state)?.facts)
        #expect(narrow.banner.count > wide, "the banner wraps again at the new width")
        #expect(state.metrics.sessionRows(banner: narrow.banner.count) < state.metrics.sessionRows(banner: wide))
        // What the screen draws is what the state holds.
        let lines = Renderer.render(state).lines
        #expect(lines[3].hasPrefix(" " + narrow.banner[0].text))
    }

    /// A form's problems and preview are worked out when a value changes, and kept while
    /// only the focus moves.
    @Test func theFormPreviewIsWorkedOutWhenAValueChanges() throws {
        var state = openedPatient("P-0006")
        press(&state, [.char("r")])
        guard case .form(let before) = state.current else { Issue.record("no form"); return }
        let preview = try #require(before.preview)
        #expect(preview.values == before.fields.map(\.value))
        #expect(preview == Reducer.formPreview(state, before))
        press(&state, [.tab, .tab])
        guard case .form(let moved) = state.current else { Issue.record("no form"); return }
        #expect(moved.preview == preview, "moving the focus changes no value")
        type(&state, "250/140")
        guard case .form(let typed) = state.current else { Issue.record("no form"); return }
        #expect(typed.preview?.values == typed.fields.map(\.value))
        #expect(typed.preview != preview)
        #expect(typed.preview == Reducer.formPreview(state, typed))
    }

    /// Paging moves by the rows the screen shows, and the selection is drawn on screen
    /// after every key: the reducer and the renderer agree on the page.
    @Test(arguments: [(80, 24), (100, 30), (160, 48)]) func theSelectionIsAlwaysOnScreen(size: (Int, Int)) throws {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        for key in [Key.end, .pageUp, .pageUp, .home, .pageDown, .down, .down, .pageDown, .up] {
            press(&state, [key])
            let p = try #require(patientView(state))
            let buffer = Renderer.render(state)
            let selectedRows = markedRows(buffer, state.glyphs)
            #expect(selectedRows.count == 1, "after \(key): one selected row")
            let number = String(p.selected + 1)
            #expect(selectedRows.first.map { buffer.text(row: $0).dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix(number + " ") } == true,
                    "after \(key): session \(number) is the one drawn selected")
        }
        // The overview, the same way.
        state = makeState(width: size.0, height: size.1)
        for key in [Key.end, .pageUp, .home, .pageDown, .pageDown, .up] {
            press(&state, [key])
            guard case .overview(let o) = state.current else { Issue.record("no overview"); return }
            let buffer = Renderer.render(state)
            let id = state.summaries[o.visible[o.selected]].id
            let selectedRows = markedRows(buffer, state.glyphs)
            #expect(selectedRows.count == 1 && buffer.text(row: selectedRows[0]).contains(id.rawValue), "after \(key): \(id) drawn selected")
        }
    }

    /// Rows drawn as a list's selection: the mark in the first cell and some cells reversed.
    func markedRows(_ buffer: ScreenBuffer, _ glyphs: Glyphs) -> [Int] {
        (0..<buffer.height).filter { y in
            buffer[0, y].text == glyphs.selection && buffer[0, y].style == .selectionMark && (0..<buffer.width).contains { buffer[$0, y].style == .selected }
        }
    }

    /// The warnings pane scrolls no further than its last line, and a print preview no
    /// further than its last page.
    @Test func scrollingStopsAtTheEnd() throws {
        var state = openedPatient("P-0006", width: 80, height: 24)
        press(&state, [.tab, .tab, .tab] + Array(repeating: Key.down, count: 200))
        let p = try #require(patientView(state))
        let facts = try #require(p.facts)
        #expect(p.scroll == max(0, facts.warningLines.count - state.metrics.paneRows(banner: facts.banner.count)))
        #expect(Renderer.render(state).lines.contains { $0.contains(facts.warningLines.last!.text) })
        press(&state, [.escape])
        press(&state, [.escape])
        state = openedPatient("P-0006", width: 80, height: 24)
        press(&state, [.char("p")] + Array(repeating: Key.pageDown, count: 100))
        guard case .preview(let preview) = state.current else { Issue.record("no preview"); return }
        let lines = try #require(preview.lines)
        #expect(preview.scroll == lines.count - state.metrics.previewRows)
    }

    /// A choice list wider than the form: the option under the cursor is always drawn.
    @Test func theOptionUnderTheCursorShows() throws {
        var state = openedPatient("P-0006", width: 80, height: 24)
        press(&state, [.char("e")])
        guard case .form(let form) = state.current, let at = form.fields.firstIndex(where: { $0.label == "Conditions" }),
              case .multi(let options) = form.fields[at].kind else { Issue.record("no Conditions field"); return }
        press(&state, Array(repeating: Key.tab, count: at))
        for i in options.indices {
            let row = Renderer.render(state).lines.first { $0.contains("Conditions") } ?? ""
            #expect(row.contains(">[ ]" + options[i]) || row.contains(">[x]" + options[i]), "option \(options[i]) under the cursor: \(row)")
            press(&state, [.right])
        }
    }
}
