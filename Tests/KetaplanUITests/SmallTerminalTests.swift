import Testing
import KetaplanEngine
import KetaplanStore
import KetaplanText
@testable import KetaplanUI

/// Small terminals and resizes (issue 14 item 7): every list keeps its selection in view
/// with no stale scroll after a resize, help scrolls at 60x18, the overview's help shows
/// g/G whole, and the overview says its default order puts patients needing attention first.
@Suite struct SmallTerminalTests {
    static let sizes = [(80, 24), (60, 18), (160, 48)]

    func resize(_ state: inout AppState, _ w: Int, _ h: Int) {
        _ = Reducer.reduce(&state, .resize(width: w, height: h))
    }

    /// The first list row is never blank while there are rows, and `marker` (the selected
    /// row's text) shows.
    func expectInView(_ state: AppState, _ marker: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = Renderer.render(state).lines
        #expect(lines.contains { $0.contains(marker) }, "\(what) at \(state.width)x\(state.height): \(marker) not shown", sourceLocation: sourceLocation)
        #expect(!lines[4].allSatisfy { $0 == " " }, "\(what) at \(state.width)x\(state.height): an empty row above the list", sourceLocation: sourceLocation)
    }

    @Test func everyListKeepsItsSelectionInViewAcrossResizes() throws {
        let steps = [(60, 18), (160, 48), (60, 18), (80, 24), (160, 48)]
        // Overview: the last patient selected at the smallest size.
        var overview = makeState(width: 60, height: 18)
        press(&overview, [.end])
        guard case .overview(let o) = overview.current else { Issue.record("no overview"); return }
        let last = overview.summaries[o.visible[o.visible.count - 1]].id.rawValue
        for (w, h) in steps {
            resize(&overview, w, h)
            expectInView(overview, last, "overview")
            guard case .overview(let now) = overview.current else { return }
            #expect(now.scroll <= max(0, now.visible.count - overview.metrics.overviewRows), "stale scroll \(now.scroll) at \(w)x\(h)")
        }
        // Agenda week: the last session of the week selected.
        var agenda = makeState(width: 60, height: 18)
        press(&agenda, [.char("a"), .char("w"), .end])
        guard case .agenda(let a) = agenda.current else { Issue.record("no agenda"); return }
        let rows = Reducer.agendaDays(a).flatMap { Reducer.agendaRows(agenda, day: $0) }
        let lastRow = try #require(rows.last)
        for (w, h) in steps {
            resize(&agenda, w, h)
            expectInView(agenda, agenda.summaries[lastRow.patient].id.rawValue, "agenda week")
            guard case .agenda(let now) = agenda.current else { return }
            #expect(now.scroll <= max(0, Reducer.agendaLines(agenda, now).count - agenda.metrics.agendaRows), "stale scroll at \(w)x\(h)")
        }
        // A patient's sessions: the last session selected.
        var patient = openedPatient("P-0006", width: 60, height: 18)
        press(&patient, [.end])
        for (w, h) in steps {
            resize(&patient, w, h)
            guard case .patient(let p) = patient.current, let sessions = p.stored?.chart.plan?.sessions else { Issue.record("no patient"); return }
            let page = patient.metrics.sessionRows(banner: p.facts?.banner.count ?? 0)
            #expect(p.selected >= p.scroll && p.selected < p.scroll + page, "selection out of view at \(w)x\(h)")
            #expect(p.scroll <= max(0, sessions.count - page), "stale scroll at \(w)x\(h)")
        }
    }

    /// Help scrolled to its end at 60x18 starts at its first line once everything fits,
    /// and at its last page when the terminal shrinks again.
    @Test func helpAndTheLogKeepNoStaleScroll() {
        var state = makeState(width: 60, height: 18)
        press(&state, [.char("?"), .end])
        guard case .help(_, let scrolled) = state.overlay else { Issue.record("no help"); return }
        #expect(scrolled > 0)
        resize(&state, 160, 48)
        #expect(state.overlay == .help(.overview, scroll: 0))
        let first = KeyTable.helpLines(for: .overview, in: state.current, width: state.metrics.helpTextWidth)[0]
        #expect(Renderer.render(state).lines.contains { $0.contains(first) })
        resize(&state, 60, 18)
        press(&state, [.end])
        resize(&state, 60, 20)
        let count = KeyTable.helpLines(for: .overview, in: state.current, width: state.metrics.helpTextWidth).count
        #expect(state.overlay == .help(.overview, scroll: count - state.metrics.boxRows))
    }

    @Test(arguments: sizes) func helpScrollsWithNoLinesLeftOut(size: (Int, Int)) {
        var state = openedPatient("P-0006", width: size.0, height: size.1)
        press(&state, [.char("?")])
        let all = KeyTable.helpLines(for: .patient, in: state.current, width: state.metrics.helpTextWidth)
        var seen = Set<String>()
        for _ in 0...all.count {
            for line in Renderer.render(state).lines { seen.insert(line) }
            press(&state, [.down])
        }
        let screen = seen.joined(separator: "\n")
        #expect(!screen.contains(" more"), "no '... N more' line")
        for line in all where !line.isEmpty { #expect(screen.contains(line), "\(line) never shown at \(size)") }
        if size == (60, 18) {
            press(&state, [.home])
            assertSnapshot(state, "help-patient-scroll")
        }
    }

    @Test func theOverviewHelpShowsGAndGWholeAt120Columns() {
        var state = makeState(width: 120, height: 40)
        press(&state, [.char("?")])
        let lines = Renderer.render(state).lines
        let line = lines.first { $0.contains("PgUp/PgDn, Home/End, g/G") }
        #expect(line != nil, "g/G shows")
        #expect(!lines.contains { $0.contains("…") }, "nothing in the help is cut")
    }

    @Test(arguments: sizes) func theOverviewSaysAttentionFirst(size: (Int, Int)) {
        var state = makeState(width: size.0, height: size.1)
        var lines = Renderer.render(state).lines
        #expect(lines.prefix(4).contains { $0.contains("needing attention first, then by next session") }, "\(size)")
        // o's help says so too (help scrolls: read it whole, page by page).
        press(&state, [.char("?")])
        var help = ""
        for _ in 0..<8 {
            help += Renderer.render(state).lines.joined(separator: " ")
            press(&state, [.pageDown])
        }
        #expect(help.contains("needing attention first"), "\(size)")
        press(&state, [.escape, .char("o")])
        lines = Renderer.render(state).lines
        #expect(lines.prefix(4).contains { $0.contains("by name") })
        #expect(!lines.prefix(4).contains { $0.contains("needing attention first") })
    }
}
