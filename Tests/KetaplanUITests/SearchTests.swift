import Testing
import KetaplanEngine
@testable import KetaplanUI

/// Every list's `/`: case, accents and punctuation do not matter; Ctrl-U erases.
@Suite struct SearchTests {
    func overviewNames(_ state: AppState) -> [String] {
        guard case .overview(let o) = state.current else { return [] }
        return o.visible.map { state.summaries[$0].name }
    }

    @Test(arguments: [("nunez", "José Ñúñez-Ficticio"), ("NÚÑEZ FICT", "José Ñúñez-Ficticio"), ("zoe", "Zoë Exemplar"),
                      ("perez", "Juan Pérez"), ("ИВАН", "Иван Иванов"), ("fulano-de-tal", "Fulano de Tal")])
    func theOverviewFindsAccentedNamesTypedPlainly(query: String, name: String) {
        var state = makeState()
        press(&state, [.char("/")])
        type(&state, query)
        #expect(overviewNames(state) == [name])
        #expect(Renderer.render(state).lines.joined(separator: "\n").contains(name))
    }

    @Test func ctrlUErasesTheFilterAndTypingStartsAgain() {
        var state = makeState()
        press(&state, [.char("/")])
        type(&state, "nunez")
        #expect(overviewNames(state).count == 1)
        press(&state, [.ctrl("u")])
        guard case .overview(let o) = state.current else { return }
        #expect(o.filter.isEmpty && o.filtering)
        #expect(o.visible.count == 12)
        type(&state, "zoe")
        #expect(overviewNames(state) == ["Zoë Exemplar"])
        // Kept with Enter, Ctrl-U still clears it from the list.
        press(&state, [.enter, .ctrl("u")])
        #expect(overviewNames(state).count == 12)
    }

    /// The agenda's week holding the first planned session of `name`.
    func agendaWeek(_ state: inout AppState, of name: String) -> CalendarDay? {
        guard let i = state.summaries.firstIndex(where: { $0.name == name }),
              let day = state.summaries[i].planned.first(where: { $0 >= state.today }) else { return nil }
        press(&state, [.char("a"), .char("w")])
        guard case .agenda(var a) = state.current else { return day }
        a.day = day
        state.screens[state.screens.count - 1] = .agenda(a)
        return day
    }

    @Test(arguments: [("Zoë Exemplar", "zoe"), ("Juan Pérez", "perez")])
    func theAgendaFindsTheSameWay(name: String, query: String) throws {
        var state = makeState(width: 120, height: 40)
        let day = try #require(agendaWeek(&state, of: name), "\(name) has a planned session")
        guard case .agenda(let a0) = state.current else { Issue.record("no agenda"); return }
        let all = Reducer.agendaDays(a0).flatMap { Reducer.agendaRows(state, day: $0) }
        #expect(all.contains { state.summaries[$0.patient].name != name }, "the week has other patients to filter out")
        press(&state, [.char("/")])
        type(&state, query)
        guard case .agenda(let a) = state.current else { Issue.record("no agenda"); return }
        let rows = Reducer.agendaDays(a).flatMap { Reducer.agendaRows(state, day: $0, filter: a.filter) }
        #expect(!rows.isEmpty && rows.allSatisfy { state.summaries[$0.patient].name == name })
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Filter: \(query)_"))
        #expect(screen.contains(name))
        // Keys typed into the filter are text, not commands (u is not undo, q does not leave).
        press(&state, [.ctrl("u")])
        type(&state, "qu")
        guard case .agenda(let typed) = state.current else { Issue.record("the agenda closed"); return }
        #expect(typed.filter == "qu")
        // Enter keeps the filter; Enter again opens the matching patient's session.
        press(&state, [.ctrl("u")])
        type(&state, query)
        press(&state, [.enter, .enter])
        guard case .patient(let p) = state.current else { Issue.record("no patient opened"); return }
        #expect(state.summaries.first { $0.id == p.id }?.name == name)
        #expect(p.focusDate.map { $0 >= day.startOfWeek } == true)
        // Back in the agenda, Esc clears the filter before it leaves.
        press(&state, [.escape])
        press(&state, [.escape])
        guard case .agenda(let cleared) = state.current else { Issue.record("Esc left the agenda with a filter set"); return }
        #expect(cleared.filter.isEmpty)
        press(&state, [.escape])
        guard case .overview = state.current else { Issue.record("Esc did not leave the agenda"); return }
    }
}
