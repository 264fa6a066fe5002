import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Every screen, rendered at 80×24 and at a wide 160×48, compared with reviewed snapshots.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: sizes) func overview(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        assertSnapshot(state, "overview")
        press(&state, [.char("/")])
        type(&state, "mu")
        assertSnapshot(state, "overview-filter")
        press(&state, [.enter, .escape, .char("o")])
        assertSnapshot(state, "overview-by-name")
    }

    @Test(arguments: sizes) func agenda(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        press(&state, [.char("a")])
        assertSnapshot(state, "agenda-day")
        press(&state, [.char("w")])
        assertSnapshot(state, "agenda-week")
    }

    @Test(arguments: sizes) func patientPanes(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        openPatient(&state, "P-0006")
        assertSnapshot(state, "patient-sessions")
        press(&state, [.tab])
        assertSnapshot(state, "patient-calendar")
        press(&state, [.tab])
        assertSnapshot(state, "patient-scores")
        press(&state, [.tab])
        assertSnapshot(state, "patient-warnings")
        press(&state, [.tab, .enter])
        assertSnapshot(state, "patient-why")
    }

    @Test(arguments: sizes) func forms(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        openPatient(&state, "P-0006")
        press(&state, [.char("r")])
        assertSnapshot(state, "form-record")
        press(&state, [.escape, .char("s")])
        assertSnapshot(state, "form-score")
        press(&state, [.escape, .char("e")])
        assertSnapshot(state, "form-patient")
        press(&state, [.escape, .escape, .char("n")])
        assertSnapshot(state, "form-new-patient")
    }

    @Test(arguments: sizes) func newPlanPreview(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        press(&state, [.char("n")])
        type(&state, "Jane Doe")
        press(&state, [.tab])
        type(&state, "1980-04-12")
        press(&state, [.tab, .tab])
        type(&state, "70")
        let effects = press(&state, [.enter])
        guard case .save(let chart, nil, let intent) = effects.first else {
            Issue.record("expected a save of the new patient, got \(effects)")
            return
        }
        _ = Reducer.reduce(&state, .saved(StoredChart(chart: chart, revision: 1, savedBy: "test", savedAt: "now"), intent))
        press(&state, [.char("n")])
        assertSnapshot(state, "form-new-plan")
    }

    @Test(arguments: sizes) func printPreview(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        openPatient(&state, "P-0006")
        press(&state, [.char("p")])
        assertSnapshot(state, "preview-summary")
        press(&state, [.char("t")])
        assertSnapshot(state, "preview-handout")
        press(&state, [.escape, .char("x")])
        assertSnapshot(state, "form-export")
    }

    @Test(arguments: sizes) func help(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        press(&state, [.char("?")])
        assertSnapshot(state, "help-overview")
        press(&state, [.escape])
        openPatient(&state, "P-0006")
        press(&state, [.char("?")])
        assertSnapshot(state, "help-patient")
        // Where every key does not fit, the help scrolls to the last one.
        press(&state, [.end])
        assertSnapshot(state, "help-patient-end")
        #expect(Renderer.render(state).lines.contains { $0.contains("Ctrl-L") && $0.contains("redraw the screen") })
    }

    /// The status line keeps "? help" and the way back at any width, dropping whole
    /// keys before them instead of cutting a word.
    @Test func theStatusLineEndsWithHelpAtEveryWidth() {
        for width in [AppState.minimumWidth, 70, 80, 100] {
            var state = makeState(width: width, height: 24)
            openPatient(&state, "P-0006")
            let status = Renderer.render(state).lines[23]
            #expect(status.hasSuffix("Esc back  ? help"), "at \(width) columns: \(status)")
            #expect(status.hasPrefix(" Tab pane  Enter open"), "at \(width) columns: \(status)")
        }
    }

    @Test func tooSmallAndASCII() {
        var state = makeState(width: 40, height: 12)
        assertSnapshot(state, "too-small")
        _ = Reducer.reduce(&state, .resize(width: 80, height: 24))
        #expect(Renderer.render(state).lines[2].contains("FLAGS"))
        let ascii = makeState(width: 80, height: 24, glyphs: .plain)
        assertSnapshot(ascii, "overview-ascii")
    }

    func openPatient(_ state: inout AppState, _ id: String) {
        guard case .overview(let o) = state.current, let row = o.visible.firstIndex(where: { state.summaries[$0].id.rawValue == id }) else {
            Issue.record("no \(id) on the overview")
            return
        }
        press(&state, [.home] + Array(repeating: Key.down, count: row) + [.enter])
    }
}
