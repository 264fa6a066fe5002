import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanStore
@testable import KetaplanUI

/// The screen paths of `plan maintenance` and `plan status` (issue 11: every command has a
/// screen path): `M` and `P` on the patient plan open a form whose preview is the shared
/// edit's, and saving sends that very edit.
@Suite struct PlanSettingsScreenTests {
    /// The open patient P-0005 (active plan, sessions planned) with `key`'s form open.
    func form(_ key: Character, width: Int = 100, height: Int = 30) throws -> (AppState, FormState) {
        var state = openedPatient("P-0005", width: width, height: height)
        press(&state, [.char(key)])
        guard case .form(let f) = state.current else { throw FormMissing() }
        return (state, f)
    }

    struct FormMissing: Error {}

    @Test func maintenanceStartsFromTheCurrentPolicyAndSavesTheSharedEdit() throws {
        let chart = storedChart("P-0005").chart
        let current = try #require(chart.plan?.maintenancePolicy)
        var (state, f) = try form("M")
        #expect(f.kind == .maintenance(pid("P-0005")))
        #expect(f[.maintenance].value == current.text)

        // Saving the policy it already has is refused, naming what to do instead.
        let same = press(&state, [.enter])
        #expect(!same.contains { if case .save = $0 { true } else { false } })
        guard case .form(let refused) = state.current else { Issue.record("the form closed"); return }
        #expect(refused.error?.contains("already follows") == true)

        // Another policy: the preview is the engine's, and saving sends ChartEdit.changeMaintenance.
        let other = current == .fixedInterval(days: 28) ? "fixed:21" : "fixed:28"
        press(&state, [.ctrl("u")])
        type(&state, other)
        guard case .form(let typed) = state.current else { Issue.record("no form"); return }
        let expected = try MaintenancePolicy(text: other)
        #expect((typed.preview?.lines ?? []).contains { $0.text.hasPrefix("On saving") })
        let effects = press(&state, [.enter])
        guard case .save(let saved, _, .edit(let edit, _, _))? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(edit == .changeMaintenance(expected))
        #expect(saved.plan?.maintenancePolicy == expected)
        let scheduler = Scheduler(context: state.context(for: pid("P-0005")))
        #expect(saved == (try edit.applied(to: chart, scheduler: scheduler).chart))
    }

    @Test func anUnreadablePolicyIsRefusedWhileTyping() throws {
        var (state, _) = try form("M")
        press(&state, [.ctrl("u")])
        type(&state, "fortnightly")
        guard case .form(let f) = state.current else { Issue.record("no form"); return }
        let problem = try #require(f.preview?.problems.first ?? nil)
        #expect(problem.contains("fortnightly"))
        #expect(!press(&state, [.enter]).contains { if case .save = $0 { true } else { false } })
        // The allowed path right after: a readable policy saves.
        press(&state, [.ctrl("u")])
        type(&state, "taper:7,14,21")
        let effects = press(&state, [.enter])
        guard case .save(_, _, .edit(.changeMaintenance(.taperLadder(stepsDays: [7, 14, 21])), _, _))? = effects.first else {
            Issue.record("no save: \(effects)"); return
        }
    }

    @Test func pausingListsTheSessionsTakenOffAndSavesWithTheNote() throws {
        var (state, f) = try form("P")
        #expect(f.kind == .planStatus(pid("P-0005")))
        #expect(f[.status].value == "active")
        // Saving the status it already has is refused.
        #expect(!press(&state, [.enter]).contains { if case .save = $0 { true } else { false } })
        press(&state, [.right])
        guard case .form(let paused) = state.current else { Issue.record("no form"); return }
        #expect(paused[.status].value == "paused")
        #expect((paused.preview?.lines ?? []).contains { $0.text == "On saving, taken off the schedule:" })
        press(&state, [.tab])
        type(&state, "travelling for a month")
        let effects = press(&state, [.enter])
        guard case .save(let saved, _, .edit(let edit, _, _))? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(edit == .setStatus(.paused, note: "travelling for a month"))
        #expect(saved.plan?.status == .paused && saved.plan?.statusNote == "travelling for a month")
    }

    @Test func aPatientWithoutAPlanIsToldToCreateOne() throws {
        var state = openedPatient("P-0005")
        var chart = storedChart("P-0005").chart
        chart.plan = nil
        _ = Reducer.reduce(&state, .chartLoaded(StoredChart(chart: chart, revision: 2, savedBy: "test", savedAt: "now")))
        press(&state, [.char("M")])
        #expect(state.message?.text.contains("No plan yet") == true)
        guard case .patient = state.current else { Issue.record("a form opened"); return }
        press(&state, [.char("P")])
        guard case .patient = state.current else { Issue.record("a form opened"); return }
    }

    @Test func theFormsAtEverySize() throws {
        for (w, h) in [(80, 24), (60, 18), (160, 48)] {
            let (state, _) = try form("P", width: w, height: h)
            assertSnapshot(state, "plan-status-form")
            let (m, _) = try form("M", width: w, height: h)
            assertSnapshot(m, "maintenance-form")
        }
    }
}
