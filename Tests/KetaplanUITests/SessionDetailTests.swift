import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// A recorded session's whole record on the patient screen and its amendment (issue 14,
/// item 6): Enter shows every field and the history; `a` amends through ChartEdit.amend
/// with a required reason, and the record as first made stays in view.
@Suite struct SessionDetailTests {
    /// P-0006 opens on session 15; session 13 (two up) was given on Mon 2026-11-16 and
    /// session 14 was missed.
    func onSession13(width: Int = 100, height: Int = 30) -> AppState {
        var state = openedPatient("P-0006", width: width, height: height)
        press(&state, [.up, .up])
        return state
    }

    func detail(_ state: AppState) -> SessionDetail? {
        if case .patient(let p) = state.current { return p.detail }
        return nil
    }

    func text(_ state: AppState) -> String { detail(state)?.lines.map(\.text).joined(separator: "\n") ?? "" }

    @Test func enterOnAGivenSessionShowsItsWholeRecord() throws {
        var state = onSession13(width: 160, height: 48)
        press(&state, [.enter])
        #expect(state.overlay == nil, "not the Why box")
        let shown = text(state)
        let session = try #require(storedChart("P-0006").chart.plan?.sessions[12])
        let r = try #require(session.record)
        #expect(shown.contains("Session 13, Mon 2026-11-16"))
        for expected in ["56 mg", r.bpBefore!.description, r.bpAt40Minutes!.description, r.bpAtDischarge!.description,
                         "Minutes monitored      \(r.minutesMonitored!)", "Dissociation (CADSS)   \(r.dissociationCADSS!)",
                         "Side effects           nausea", "REMS form submitted    Tue 2026-11-17", "Note                   none",
                         "Given by               dr.okafor", "Why this date: Maintenance 1 on Monday"] {
            #expect(shown.contains(expected), "\(expected) in\n\(shown)")
        }
        let screen = Renderer.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Given by               dr.okafor"))
        press(&state, [.escape])
        #expect(detail(state) == nil)
        guard case .patient = state.current else { Issue.record("Esc left the patient"); return }
    }

    @Test func enterOnAPlannedSessionStillSaysWhy() {
        var state = openedPatient("P-0006")
        press(&state, [.enter])
        #expect(detail(state) == nil)
        guard case .text(let title, _)? = state.overlay else { Issue.record("no Why box"); return }
        #expect(title.contains("Why"))
    }

    @Test func aMissedSessionShowsItsRecordAndIsNotAmended() {
        var state = onSession13()
        press(&state, [.down, .enter])
        #expect(text(state).contains("Session 14, Mon 2026-11-23"))
        #expect(text(state).contains("did not attend"))
        press(&state, [.char("a")])
        #expect(state.form == nil)
        #expect(state.message?.text.contains("only a given session's record is amended") == true)
    }

    @Test func amendingNeedsAReasonAndKeepsTheOriginalBesideIt() throws {
        var state = onSession13(width: 160, height: 48)
        press(&state, [.enter, .char("a")])
        let form = try #require(state.form)
        guard case .amendSession(let id, let sid) = form.kind else { Issue.record("no amend form: \(form.kind)"); return }
        #expect(id == pid("P-0006"))
        #expect(form[.bpBefore].value == "136/77", "pre-filled with the record")
        // Change the dose; without a reason the save is refused and names the field.
        press(&state, Array(repeating: Key.backspace, count: 4))
        type(&state, "84")
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.form?.error?.contains("Reason for the amendment") == true, "\(state.form?.error ?? "")")
        // With a reason the preview names what changes, and Enter saves ChartEdit.amend.
        press(&state, Array(repeating: Key.tab, count: (state.form?.fields.count ?? 1) - 1))
        type(&state, "dose misread from the chart")
        #expect(Renderer.render(state).lines.contains { $0.contains("Amends: dose 56 mg -> 84 mg") })
        let effects = press(&state, [.enter])
        guard case .save(let chart, let over?, let intent)? = effects.first, case .edit(let edit, _, _) = intent else { Issue.record("no save: \(effects)"); return }
        guard case .amend(let amended, let record, let reason, let by) = edit else { Issue.record("not an amend: \(edit)"); return }
        #expect(amended == sid && record.doseGivenMg == 84 && reason == "dose misread from the chart" && by == "test")
        #expect(record.givenBy == "dr.okafor", "fields the form does not show stay as recorded")
        _ = Reducer.reduce(&state, .saved(StoredChart(chart: chart, revision: over.revision + 1, savedBy: "test", savedAt: "now"), intent))
        // Back on the record: the amended one beside the one first made, and the history.
        let shown = text(state)
        #expect(shown.contains("Record now (amended)") && shown.contains("As first recorded"))
        #expect(shown.split(separator: "\n").contains { $0.contains("Dose given") && $0.contains("84 mg") && $0.contains("56 mg") }, "\(shown)")
        #expect(shown.contains("by test: dose misread from the chart"))
        #expect(shown.contains("changed: dose 56 mg -> 84 mg"))
    }

    @Test func longTextWrapsAndIsNeverCut() throws {
        var state = onSession13(width: 60, height: 18)
        var stored = storedChart("P-0006")
        let note = (1...30).map { "word\($0)" }.joined(separator: " ")
        let sid = try #require(stored.chart.plan?.sessions[12].id)
        stored.chart.plan?.sessions[12].record?.note = note
        _ = Reducer.reduce(&state, .chartLoaded(stored))
        press(&state, [.enter])
        let lines = try #require(detail(state)).lines
        #expect(lines.allSatisfy { $0.text.count <= 58 }, "every line fits the screen")
        let words = lines.flatMap { $0.text.split(separator: " ").map(String.init) }
        for w in note.split(separator: " ") { #expect(words.contains(String(w)), "\(w) is shown") }
        #expect(sid == SessionID(13))
        // Scrolling reaches the end and the renderer says when more is below.
        #expect(Renderer.render(state).lines.contains { $0.contains("more lines: Down or PgDn") })
        press(&state, [.end])
        #expect(Renderer.render(state).lines.contains { $0.contains("Why this date") || $0.contains("Esc back") })
    }

    @Test(arguments: [(80, 24), (60, 18), (160, 48)])
    func snapshots(size: (Int, Int)) throws {
        var state = onSession13(width: size.0, height: size.1)
        press(&state, [.enter])
        assertSnapshot(state, "session-detail")
        var stored = storedChart("P-0006")
        let session = try #require(stored.chart.plan?.sessions[12])
        var corrected = try #require(session.record)
        corrected.doseGivenMg = 84
        corrected.note = "patient reported mild nausea that settled before discharge; driven home by a relative"
        let update = try ChartEdit.amend(session.id, corrected, reason: "dose misread from the chart", by: "dr.lee")
            .apply(to: stored.chart, scheduler: Scheduler(context: state.context(for: pid("P-0006"))))
        stored.chart = update.chart
        _ = Reducer.reduce(&state, .chartLoaded(stored))
        assertSnapshot(state, "session-detail-amended")
        press(&state, [.char("a")])
        assertSnapshot(state, "form-amend")
    }
}
