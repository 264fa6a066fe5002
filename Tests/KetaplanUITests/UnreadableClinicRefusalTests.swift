import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// While clinic.json cannot be read every save is refused by the store; the screen says
/// so before the clinician types anything: the agenda's keys refuse as the overview's
/// do, and a chart or form already open shows the problem and refuses its save up front.
/// Each refusal is checked from both sides: refused while broken, working once the file
/// is fixed.
@Suite struct UnreadableClinicRefusalTests {
    static let problem = LoadProblem(path: "/srv/clinic/clinic.json",
                                     error: .invalidFile(path: "/srv/clinic/clinic.json", problem: "field chairsPerDay must be 1 or more"))

    /// clinic.json stops loading (as a load or the watch reports it): the defaults, with
    /// the problem.
    func breakClinic(_ state: inout AppState) {
        var snapshot = SummarySnapshot(clinic: ClinicFile(), summaries: state.summaries, problems: [Self.problem])
        snapshot.clinicProblem = Self.problem
        _ = Reducer.reduce(&state, .summariesLoaded(snapshot))
        #expect(state.clinicProblem != nil)
    }

    /// clinic.json loads again.
    func fixClinic(_ state: inout AppState) {
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: demoClinicFile(), summaries: state.summaries, problems: [])))
        #expect(state.clinicProblem == nil)
    }

    func screen(_ state: AppState) -> String { Renderer.render(state).lines.joined(separator: "\n") }

    @Test func theAgendasKeysRefuseInTheOverviewsWordsAndWorkOnceFixed() throws {
        var state = makeState(width: 100, height: 30)
        breakClinic(&state)
        #expect(press(&state, [.enter]).isEmpty && state.screens.count == 1)
        let overviewSays = try #require(state.message?.text)
        #expect(overviewSays.contains("field chairsPerDay must be 1 or more") && overviewSays.contains("Fix or restore clinic.json"))
        // The store's message ends in a full stop; the advice after it adds none (tester's F14).
        #expect(!overviewSays.contains(".."), "\(overviewSays)")

        press(&state, [.char("a")])
        guard case .agenda(let a) = state.current else { Issue.record("a did not open the agenda"); return }
        #expect(Reducer.selectedAgendaRow(state, a) != nil, "today has sessions on the demo clinic")
        for key in [Key.enter, .char("r"), .char("s"), .char("m")] {
            state.message = nil
            #expect(press(&state, [key]).isEmpty, "\(key) asked for nothing")
            #expect(state.screens.count == 2, "\(key) opened nothing over the agenda")
            #expect(state.message?.text == overviewSays, "\(key): \(state.message?.text ?? "no message")")
        }

        fixClinic(&state)
        let effects = press(&state, [.enter])
        #expect(effects.contains { if case .loadChart = $0 { return true } else { return false } })
        guard case .patient = state.current else { Issue.record("Enter did not open the patient once the clinic loaded"); return }
        #expect(state.message?.kind != .error)
    }

    @Test func anOpenFormSaysSoAndItsSaveIsRefusedUntilTheFileIsFixed() throws {
        var state = openedPatient("P-0003")
        press(&state, [.char("e")])
        #expect(state.form?.kind == .editPatient(pid("P-0003")))
        #expect(!screen(state).contains("could not be read"))
        type(&state, " Jr")
        let typed = try #require(state.form?[.name].value)

        breakClinic(&state)
        #expect(screen(state).contains("Nothing can be saved until clinic.json is fixed; it could not be read: "), "\(screen(state))")
        let effects = press(&state, [.enter])
        #expect(!effects.contains { if case .save = $0 { return true } else { return false } })
        let error = try #require(state.form?.error)
        #expect(error.hasPrefix("Not saved: nothing can be saved while the clinic cannot be read: ") && error.contains("chairsPerDay"), "\(error)")
        #expect(state.form?[.name].value == typed, "what was typed stays")

        fixClinic(&state)
        #expect(!screen(state).contains("could not be read"))
        let saved = press(&state, [.enter])
        #expect(saved.contains { if case .save = $0 { return true } else { return false } }, "\(saved)")
        #expect(state.form == nil)
    }

    @Test func anOpenChartShowsTheProblemAndKeepsNothingItCannotSave() throws {
        var state = openedPatient("P-0006")
        guard case .patient = state.current else { Issue.record("the patient did not open"); return }
        breakClinic(&state)
        let shown = screen(state)
        #expect(shown.contains("Nothing can be saved until clinic.json is fixed; it could not be read: /srv/clinic/clinic.json"), "\(shown)")
        // A key's own message takes the line while it is there; the notice comes back after.
        state.message = Message(.info, "something else")
        #expect(!screen(state).contains("Nothing can be saved"))
        state.message = nil
        #expect(screen(state).contains("Nothing can be saved"))
        fixClinic(&state)
        #expect(!screen(state).contains("could not be read"))
    }

    @Test func anOpenChartsKeysThatChangePrintOrExportRefuseAndWorkOnceFixed() throws {
        var state = openedPatient("P-0006")
        guard case .patient = state.current else { Issue.record("the patient did not open"); return }
        breakClinic(&state)
        for key in [Key.char("r"), .char("s"), .char("m"), .char("e"), .char("n"), .char("p"), .char("x"), .char("M")] {
            state.message = nil
            #expect(press(&state, [key]).isEmpty, "\(key) asked for nothing")
            guard case .patient(let p) = state.current, p.move == nil else { Issue.record("\(key) opened something"); return }
            #expect(state.message?.text.hasPrefix("Nothing can be changed, printed or exported while the clinic cannot be read: ") == true, "\(key): \(state.message?.text ?? "")")
        }
        // Moving about the chart still works.
        press(&state, [.down])

        fixClinic(&state)
        press(&state, [.up, .char("r")])
        #expect(state.form.map { if case .recordSession = $0.kind { true } else { false } } == true, "r records once the clinic loads")
    }

    @Test func aPreviewOpenWhenTheFileBreaksNeitherPrintsNorSaves() throws {
        var state = openedPatient("P-0006")
        press(&state, [.char("p")])
        guard case .preview = state.current else { Issue.record("no preview"); return }
        breakClinic(&state)
        for key in [Key.char("p"), .char("w")] {
            state.message = nil
            #expect(press(&state, [key]).isEmpty && state.overlay == nil && state.form == nil, "\(key)")
            #expect(state.message?.text.hasPrefix("Nothing can be changed, printed or exported while the clinic cannot be read") == true)
        }
        fixClinic(&state)
        press(&state, [.char("w")])
        #expect(state.form.map { if case .saveText = $0.kind { true } else { false } } == true, "w saves once the clinic loads")
    }

    @Test func undoWaitsForTheFileAndWorksOnceFixed() throws {
        var state = openedPatient("P-0003")
        let before = storedChart("P-0003").chart
        var after = before
        after.patient.name = "Renamed"
        state.undoStack = [UndoEntry(id: pid("P-0003"), before: before, after: after, summary: "renamed")]
        breakClinic(&state)
        #expect(press(&state, [.char("u")]).isEmpty)
        #expect(state.message?.text.hasPrefix("Not saved: nothing can be saved while the clinic cannot be read") == true)
        #expect(state.undoStack.count == 1 && !state.saving, "the change can still be undone later")
        fixClinic(&state)
        let effects = press(&state, [.char("u")])
        guard case .replace(let id, _, let with, _) = effects.first else { Issue.record("no undo once fixed: \(effects)"); return }
        #expect(id == pid("P-0003") && with == before)
    }

    @Test func theSettingsFormOpenWhenTheFileBreaksRefusesAndSavesOnceFixed() throws {
        var state = makeState(width: 100, height: 30)
        press(&state, [.char("C")])
        #expect(state.form?.kind == .clinicSettings)
        let remsRow = try #require(FormKey.clinicSettings.firstIndex(of: .remsCertified))
        press(&state, Array(repeating: Key.tab, count: remsRow) + [.right])
        let rems = try #require(state.form?[.remsCertified].value)
        #expect(rems != (demoClinicFile().settings.remsCertified ? "yes" : "no"))

        breakClinic(&state)
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.form?.error?.contains("nothing can be saved while the clinic cannot be read") == true)

        fixClinic(&state)
        let effects = press(&state, [.enter])
        guard case .saveClinic(let change, _, _) = effects.first else { Issue.record("no save once fixed: \(effects)"); return }
        // Only what the clinician changed: the defaults seen meanwhile are not "changes".
        #expect(change.remsCertified == (rems == "yes"))
        var only = ClinicChange()
        only.remsCertified = rems == "yes"
        #expect(change == only)
    }
}
