import Foundation
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

    /// The score form kept (as on a hang-up) with its Date left at "today", reopened two
    /// days later: the question names the form and the patient, and the reopened form
    /// holds, and saves, the day it was typed on (F16). Reopened the same day it is that
    /// day too; a date typed as a date is kept as typed.
    @Test func aKeptTodayMeansTheDayItWasTyped() throws {
        let name = storedChart("P-0006").chart.patient.name
        for (later, typedDate) in [(2, nil), (0, nil), (2, "2026-11-20")] as [(Int, String?)] {
            var state = openedPatient("P-0006")
            press(&state, [.char("s")])
            guard let opened = state.form, let scoreField = opened.fields.firstIndex(where: { $0.key == .score }) else { Issue.record("no score form"); return }
            #expect(opened[.date].value == "today")
            if let typedDate {
                press(&state, Array(repeating: Key.tab, count: opened.fields.firstIndex { $0.key == .date }! - opened.focus) + [.ctrl("u")])
                type(&state, typedDate)
                press(&state, [.home])
            }
            press(&state, Array(repeating: Key.tab, count: (scoreField - (state.form?.focus ?? 0) + opened.fields.count) % opened.fields.count))
            type(&state, "6")
            let kept = try JSONDecoder().decode(FormDraft.self, from: JSONEncoder().encode(Reducer.keptDraft(state, try #require(state.form))))
            #expect(kept.typedOn == testToday)

            var reopened = makeState()
            reopened.today = testToday.adding(days: later)
            _ = Reducer.reduce(&reopened, .recoveryFound(kept, savedAt: "Fri 27 Nov 2026 at 03:24"))
            guard case .confirm(let question) = reopened.overlay else { Issue.record("no question"); return }
            #expect(question.question.contains("Add score: \(name) (P-0006)"), "\(question.question)")
            press(&reopened, [.char("y")])
            let expected = typedDate ?? testToday.iso
            #expect(reopened.form?[.date].value == expected, "reopened \(later) days later")
            #expect(reopened.form?[.score].value == "6")
            let saved = press(&reopened, [.enter]).compactMap { effect -> Assessment? in
                guard case .save(_, _, .edit(.addScore(let a), _, _)) = effect else { return nil }
                return a
            }
            #expect(saved.map(\.date.iso) == [expected], "\(String(describing: reopened.form?.error))")
        }
    }

    /// A draft kept by an older version (no day, no heading) is offered back naming the
    /// form and the patient's id.
    @Test func anOlderDraftIsNamedByItsFormAndPatient() {
        var state = makeState()
        _ = Reducer.reduce(&state, .recoveryFound(FormDraft(kind: .addScore(pid("P-0006")), values: [(.score, "6")]), savedAt: "Fri 27 Nov 2026 at 03:24"))
        guard case .confirm(let question) = state.overlay else { Issue.record("no question"); return }
        #expect(question.question == "ketaplan was stopped with a form open on Fri 27 Nov 2026 at 03:24:\nAdd score: P-0006.\nReopen it with what was typed?")
    }
}
