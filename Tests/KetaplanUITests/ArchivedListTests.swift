import Testing
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// Archived patients on screen (issue 11 parity with `ketaplan patients --archived`) and
/// search from every list (issue 14 item 5).
@Suite struct ArchivedListTests {
    static let sizes = [(80, 24), (60, 18), (160, 48)]

    /// The demo clinic with José Ñúñez-Ficticio's plan completed and Jan Kowalski's
    /// discontinued.
    func clinic(width: Int = 80, height: Int = 24) -> AppState {
        var summaries = demoClinic.charts.map { PatientSummary(chart: $0, day: testToday, settings: demoClinic.settings, calendar: demoClinic.calendar) }
        for (id, status) in [("P-0002", PlanStatus.completed), ("P-0012", .discontinued)] {
            summaries[summaries.firstIndex { $0.id.rawValue == id }!].planStatus = status
        }
        var state = AppState(today: testToday, clinic: demoClinicFile(), summaries: summaries, problems: [], width: width, height: height, glyphs: .unicode, user: "test")
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: summaries, problems: [])))
        return state
    }

    func listed(_ state: AppState) -> [String] {
        guard case .overview(let o) = state.current else { return [] }
        return o.visible.map { state.summaries[$0].id.rawValue }
    }

    func overview(_ state: AppState) -> OverviewState? {
        if case .overview(let o) = state.current { return o }
        return nil
    }

    @Test func theOverviewListsPatientsUnderCareAndSaysHowManyAreArchived() {
        let state = clinic()
        #expect(listed(state).count == 10)
        #expect(!listed(state).contains("P-0002") && !listed(state).contains("P-0012"))
        let lines = Renderer.render(state).lines
        #expect(lines[1].contains("10 patients"), "\(lines[1])")
        #expect(lines[1].contains("2 archived (A)"), "\(lines[1])")
    }

    @Test(arguments: sizes) func aListsTheArchivedAsThePatientsCommandDoes(size: (Int, Int)) {
        var state = clinic(width: size.0, height: size.1)
        press(&state, [.char("A")])
        // Exactly those whose plan is completed or discontinued, by id, as `patients --archived`.
        let expected = state.summaries.filter { [.completed, .discontinued].contains($0.planStatus) }.map(\.id.rawValue).sorted()
        #expect(listed(state) == expected)
        let lines = Renderer.render(state).lines
        #expect(lines[0].contains("Archived patients"))
        #expect(lines.contains { $0.contains("P-0002") && $0.contains("completed") })
        #expect(lines.contains { $0.contains("P-0012") && $0.contains("discontinued") })
        assertSnapshot(state, "overview-archived")
        // Esc (no filter) and A go back to the patients under care.
        press(&state, [.escape])
        #expect(overview(state)?.archived == false)
        #expect(listed(state).count == 10)
        press(&state, [.char("A"), .char("A")])
        #expect(overview(state)?.archived == false)
    }

    /// `/` in the archived list searches it the same way (accents ignored), Ctrl-U clears
    /// while typing and after, and Enter opens the archived patient.
    @Test func searchingTheArchivedList() {
        var state = clinic()
        press(&state, [.char("A"), .char("/")])
        type(&state, "nunez")
        #expect(listed(state) == ["P-0002"])
        press(&state, [.ctrl("u")])
        #expect(listed(state).count == 2, "Ctrl-U clears while typing")
        type(&state, "kowal")
        press(&state, [.enter])
        #expect(listed(state) == ["P-0012"])
        #expect(overview(state)?.filtering == false)
        press(&state, [.ctrl("u")])
        #expect(listed(state).count == 2, "Ctrl-U clears after Enter")
        #expect(overview(state)?.archived == true, "clearing the filter keeps the archived list")
        press(&state, [.char("/")])
        type(&state, "nunez")
        press(&state, [.enter, .escape])
        #expect(overview(state)?.archived == true, "the first Esc clears the filter")
        #expect(listed(state).count == 2)
        press(&state, [.char("/")])
        type(&state, "nunez")
        press(&state, [.enter, .enter])
        guard case .patient(let p) = state.current else { Issue.record("no patient"); return }
        #expect(p.id.rawValue == "P-0002")
        // The patients under care never match an archived one.
        var care = clinic()
        press(&care, [.char("/")])
        type(&care, "nunez")
        #expect(listed(care).isEmpty)
    }

    /// The agenda's `/` clears with Ctrl-U after Enter kept it, as the overview's does.
    @Test func theAgendaFilterClearsWithCtrlU() {
        var state = clinic()
        press(&state, [.char("a"), .char("/")])
        type(&state, "li")
        press(&state, [.enter])
        guard case .agenda(let kept) = state.current else { Issue.record("no agenda"); return }
        #expect(kept.filter == "li" && !kept.filtering)
        press(&state, [.ctrl("u")])
        guard case .agenda(let cleared) = state.current else { Issue.record("Ctrl-U left the agenda"); return }
        #expect(cleared.filter.isEmpty)
    }
}
