import Testing
import KetaplanEngine
@testable import KetaplanUI

/// A recovery file that cannot be reopened is said on screen, whole: which file and what
/// is wrong, wrapped rather than cut, even at the smallest size.
@Suite struct FormRecoveryScreenTests {
    @Test func anUnreadableRecoveryFileIsShownWholeAndClosesWithEsc() {
        let path = "/srv/ketaplan/clinic-data/recovery-dr_anna_lindqvist.json"
        let problem = "\(path) is not a form ketaplan can reopen: 'scroe' is not a field of any form. It is left in place; move recovery-dr_anna_lindqvist.json away (or fix it) once you have read what it kept"
        for (w, h) in [(60, 18), (80, 24), (160, 48)] {
            var state = makeState(width: w, height: h)
            _ = Reducer.reduce(&state, .recoveryUnreadable(problem))
            let screen = Renderer.render(state).lines.map { $0.trimmingCharacters(in: " ") }.joined(separator: " ")
            // Every word of the message is on screen (wrapped lines joined back).
            for word in ["/srv/ketaplan/clinic-data/", "recovery-dr_anna_lindqvist.json is not", "'scroe'", "left", "place;", "kept"] {
                #expect(screen.contains(word), "\(w)x\(h): \(word) missing")
            }
            press(&state, [.escape])
            #expect(state.overlay == nil)
            #expect(state.current.kind == .overview)
        }
    }

    @Test func aRecoveredDraftKeepsItsTypedKeysThroughTheChartLoading() {
        var state = makeState()
        let draft = FormDraft(kind: .editPatient(pid("P-0006")), values: [(.weight, "71.5"), (.screening(.psychosis), "yes"), (.notes, "kept")])
        _ = Reducer.reduce(&state, .recoveryFound(draft, savedAt: "Thu 26 Nov 2026 at 09:00"))
        press(&state, [.char("y")])
        guard case .form(let f) = state.current else { Issue.record("no form"); return }
        #expect(f.kind == .editPatient(pid("P-0006")))
        // The real form, with what was typed in its fields.
        #expect(f[.weight].value == "71.5")
        #expect(f[.screening(.psychosis)].value == "yes")
        #expect(f[.notes].value == "kept")
        #expect(f[.name].value == storedChart("P-0006").chart.patient.name)
        #expect(f.fields.count == FormBuilder.patient(storedChart("P-0006").chart.patient, today: testToday).fields.count)
    }
}
