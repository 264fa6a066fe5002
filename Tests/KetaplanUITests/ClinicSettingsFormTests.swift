import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// The clinic settings form (`C`): every setting `clinic set` changes, filled in from the
/// clinic, checked while typing with `ClinicChange`'s own checks and words, and saved as
/// the one `ClinicChange` the command line would make.
@Suite struct ClinicSettingsFormTests {
    /// The field's index in the form (the order of `FormKey.clinicSettings`).
    func index(_ key: FormKey) -> Int { FormKey.clinicSettings.firstIndex(of: key) ?? 0 }

    func opened(width: Int = 80, height: Int = 24) -> AppState {
        var state = makeState(width: width, height: height)
        press(&state, [.char("C")])
        return state
    }

    @Test func cOpensEverySettingAsTheClinicHasIt() throws {
        let state = opened()
        let form = try #require(state.form)
        #expect(form.kind == .clinicSettings)
        #expect(form.fields.map(\.key) == FormKey.clinicSettings)
        let clinic = demoClinicFile()
        #expect(form[.clinicName].value == clinic.name)
        #expect(form[.openDays].value == "mon,tue,wed,thu,fri")
        // Closed dates from today on; the one 40 days ago is not offered to reopen.
        #expect(form[.closedDates].value == "2026-12-14, 2027-01-11")
        #expect(form[.chairs].value == String(clinic.calendar.chairsPerDay))
        #expect(form[.sessionTime].value == "09:00")
        #expect(form[.timeZone].value == "system")
        #expect(form[.bpUrgent].value == "180/110")
        #expect(form[.paper].value == "default")
        // Nothing typed: saving says there is nothing to change and keeps the form.
        var unchanged = state
        let effects = press(&unchanged, [.enter])
        #expect(effects.isEmpty)
        #expect(unchanged.form?.error == "nothing to change: change a setting, or Esc to leave them as they are")
    }

    @Test func theAgendaOpensItToo() {
        var state = makeState()
        press(&state, [.char("a"), .char("C")])
        #expect(state.form?.kind == .clinicSettings)
        press(&state, [.escape])
        guard case .agenda = state.current else { Issue.record("Esc did not go back to the agenda"); return }
    }

    /// A refusal from the screen's side (the command line's is in FrontEndParityTests):
    /// the value is refused while typing and on Enter with `ClinicChange`'s words, and
    /// the corrected value saves the change `clinic set --chairs 3` makes.
    @Test func chairsOutOfRangeAreRefusedAndTheCorrectedValueSaves() throws {
        var state = opened()
        press(&state, Array(repeating: Key.tab, count: index(.chairs)) + [.ctrl("u")])
        type(&state, "0")
        let message = "'0' is not accepted; use 1-20000 chairs"
        #expect(state.form?.preview?.problems[index(.chairs)] == message)
        assertSnapshot(state, "form-clinic-chairs-refused")
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.form?.error == "Chairs: " + message)

        press(&state, [.ctrl("u")])
        type(&state, "3")
        #expect(state.form?.preview?.lines.first?.text == "On saving: chairs 3")
        let effects = press(&state, [.enter])
        var expected = ClinicChange()
        expected.chairsPerDay = 3
        #expect(effects == [.saveClinic(expected, basedOn: demoClinicFile(), today: testToday), .keepDraft(nil)])
        #expect(state.form == nil && state.saving)

        // The store's answer: the screens follow the saved clinic.
        let (clinic, said) = try expected.applied(to: state.clinic)
        _ = Reducer.reduce(&state, .clinicSaved(SavedClinicChange(clinic: clinic, said: said)))
        #expect(!state.saving)
        #expect(state.clinic.calendar.chairsPerDay == 3)
        #expect(state.message == Message(.success, "Clinic updated: chairs 3"))
        press(&state, [.char("C")])
        #expect(state.form?[.chairs].value == "3")
    }

    /// Deleting a shown date reopens it and typing one closes it, as `--reopen` and
    /// `--closed` do; a date that does not read is refused in the command line's words.
    @Test func closedDatesCloseAndReopen() throws {
        var state = opened()
        press(&state, Array(repeating: Key.tab, count: index(.closedDates)) + [.ctrl("u")])
        type(&state, "2027-01-11, 2026-12-2")
        let problem = try #require(state.form?.preview?.problems[index(.closedDates)])
        #expect(throws: Never.self) { try CalendarDay(iso: "2026-12-24") }
        do { _ = try CalendarDay(iso: "2026-12-2"); Issue.record("2026-12-2 read as a date") } catch { #expect(problem == error.description) }
        type(&state, "4")
        let form = try #require(state.form)
        guard case .success(let change) = FormSubmission.clinicChange(form, clinic: state.clinic, today: testToday) else {
            Issue.record("the change was refused"); return
        }
        var expected = ClinicChange()
        expected.close = [try CalendarDay(iso: "2026-12-24")]
        expected.reopen = [try CalendarDay(iso: "2026-12-14")]
        #expect(change == expected)
        #expect(form.preview?.lines.first?.text == "On saving: closed 2026-12-24; reopened 2026-12-14")
    }

    @Test func aTimeZoneAndTheUrgentPressureAreCheckedAsTheCommandLineChecksThem() throws {
        var state = opened()
        press(&state, Array(repeating: Key.tab, count: index(.timeZone)) + [.ctrl("u")])
        type(&state, "Mars/Olympus")
        #expect(state.form?.preview?.problems[index(.timeZone)]
                == "'Mars/Olympus' is not a time zone; use an IANA name such as Europe/London or America/New_York, or 'system'")
        press(&state, [.ctrl("u")])
        type(&state, "Europe/London")
        #expect(state.form?.preview?.problems[index(.timeZone)] == nil)
        press(&state, [.tab, .ctrl("u")])
        type(&state, "90/50")
        #expect(state.form?.preview?.problems[index(.bpUrgent)]
                == "'90/50' is not accepted; write SYS/DIA with systolic 100-300 and diastolic 60-200, e.g. 180/110")
        // Spaces around a value are not part of it: 170/105 with a space after it is still a change.
        press(&state, [.ctrl("u")])
        type(&state, "170/105 ")
        #expect(state.form?.preview?.problems.allSatisfy { $0 == nil } == true)
        #expect(state.form?.preview?.lines.first?.text == "On saving: post-dose urgency at 170/105; time zone Europe/London")
    }

    /// The form at the smallest terminal scrolls to the focused field: the last one shows.
    @Test(arguments: [(80, 24), (60, 18)]) func theFormAtEachSize(size: (Int, Int)) {
        var state = opened(width: size.0, height: size.1)
        assertSnapshot(state, "form-clinic")
        press(&state, Array(repeating: Key.tab, count: index(.paper)))
        #expect(Renderer.render(state).lines.contains { $0.hasPrefix("> Paper") })
        assertSnapshot(state, "form-clinic-last-field")
    }

    /// Every open day taken off is refused (nothing could be planned); one day back saves.
    @Test func theClinicKeepsAtLeastOneOpenDay() throws {
        var state = opened()
        press(&state, [.tab])
        for _ in 0..<5 { press(&state, [.char(" "), .right]) }
        #expect(state.form?[.openDays].value == "")
        #expect(state.form?.preview?.problems[index(.openDays)] == "name at least one weekday")
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.form?.error == "Open days: name at least one weekday")
        press(&state, [.char(" ")])
        #expect(state.form?[.openDays].value == "sat")
        var expected = ClinicChange()
        expected.openWeekdays = [.saturday]
        #expect(press(&state, [.enter]) == [.saveClinic(expected, basedOn: demoClinicFile(), today: testToday), .keepDraft(nil)])
    }

    /// Fasting instructions `clinic set --fasting` saved over two lines do not block the
    /// form: the field keeps line breaks, as the command line's option does.
    @Test func fastingOverTwoLinesDoesNotBlockTheForm() throws {
        var clinic = demoClinicFile()
        clinic.settings.fastingInstructions = "No food for 6 hours.\nClear liquids until 2 hours before."
        var state = opened()
        state.clinic = clinic
        press(&state, [.escape, .char("C")])
        #expect(state.form?[.fasting].value == clinic.settings.fastingInstructions)
        #expect(state.form?.preview?.problems[index(.fasting)] == nil)
        // Elsewhere a line break is still refused.
        press(&state, Array(repeating: Key.tab, count: index(.contactPhone)))
        press(&state, [.char("\n")])
        #expect(state.form?.preview?.problems[index(.contactPhone)] != nil)
    }

    /// The store's answer after re-planning: each moved plan in the message log in the
    /// command line's words, its patient's row following it; a plan that did not save is an
    /// error the clinician sees.
    @Test func whatTheSaveReplannedIsSaidAndShown() throws {
        var state = opened()
        press(&state, [.escape])
        var change = ClinicChange()
        change.close = [try CalendarDay(iso: "2026-11-27")]
        let (clinic, said) = try change.applied(to: state.clinic)
        var moved = storedChart("P-0008")
        moved.revision = 2
        moved.chart.patient.name = "Moved Name"
        let notSaved = SavedClinicChange.NotSaved(patient: pid("P-0009"), message: "saved by another clinician meanwhile")
        _ = Reducer.reduce(&state, .clinicSaved(SavedClinicChange(
            clinic: clinic, said: said, replanned: [.init(stored: moved, changeLines: ["session 4 2026-11-27 -> 2026-11-30"])], notSaved: [notSaved])))
        #expect(state.messageLog.suffix(3).map(\.text) == [
            "P-0008 Moved Name: session 4 2026-11-27 -> 2026-11-30",
            "P-0009: not re-planned: saved by another clinician meanwhile",
            "Clinic updated: closed 2026-11-27; re-planned 1 plan; 1 not re-planned (: lists them)",
        ])
        #expect(state.message?.kind == .error)
        #expect(state.summaries.first { $0.id == pid("P-0008") }?.name == "Moved Name")
        #expect(state.clinic.calendar.closedDates.contains(try CalendarDay(iso: "2026-11-27")))
    }

    /// A patient file the save could not read is never passed over in silence (tester's
    /// F7): named in the log, with what to do, and the form's result is an error.
    @Test func aPatientFileTheSaveCouldNotReadIsSaid() throws {
        var state = opened()
        press(&state, [.escape])
        var change = ClinicChange()
        change.close = [try CalendarDay(iso: "2026-11-27")]
        let (clinic, said) = try change.applied(to: state.clinic)
        _ = Reducer.reduce(&state, .clinicSaved(SavedClinicChange(clinic: clinic, said: said, unread: ["/srv/k/patients/P-0010.json: could not read: permission denied"])))
        #expect(state.messageLog.suffix(3).map(\.text) == [
            "Not re-planned, as the file could not be read: /srv/k/patients/P-0010.json: could not read: permission denied",
            SavedClinicChange.unreadAdvice,
            "Clinic updated: closed 2026-11-27; 1 patient file could not be read and was not re-planned (: lists them)",
        ])
        #expect(state.message?.kind == .error)
        // Every file read: the same save is a success.
        _ = Reducer.reduce(&state, .clinicSaved(SavedClinicChange(clinic: clinic, said: said)))
        #expect(state.message?.kind == .success && state.message?.text == "Clinic updated: closed 2026-11-27")
    }

    @Test func aKeptDraftReopensTheForm() throws {
        var state = opened()
        press(&state, Array(repeating: Key.tab, count: index(.chairs)) + [.ctrl("u")])
        type(&state, "5")
        let draft = try #require(state.form?.draft)
        let decoded = try JSONDecoder().decode(FormDraft.self, from: JSONEncoder().encode(draft))
        #expect(decoded == draft)
        var fresh = makeState()
        _ = Reducer.reduce(&fresh, .recoveryFound(decoded, savedAt: "-"))
        press(&fresh, [.char("y")])
        #expect(fresh.form?.kind == .clinicSettings)
        #expect(fresh.form?[.chairs].value == "5")
    }
}
