import Foundation
import Testing
import ClinicEdits
import KetaplanEngine
import KetaplanRecords
@testable import KetaplanUI

/// A colleague's clinic.json change arriving while the settings form holds input that is
/// still refused: the input stays, their changes are named, and the save, once the input
/// is fixed, changes only what this clinician changed, over theirs; where both changed
/// the same setting it is refused up front, and the form reopened on their version saves.
@Suite struct ClinicSettingsColleagueTests {
    func index(_ key: FormKey) -> Int { FormKey.clinicSettings.firstIndex(of: key) ?? 0 }

    /// The settings form open with chairs typed as "0" (refused while typing).
    func openedWithRefusedChairs() -> AppState {
        var state = makeState(width: 100, height: 30)
        press(&state, [.char("C")] + Array(repeating: Key.tab, count: index(.chairs)) + [.ctrl("u")])
        type(&state, "0")
        #expect(state.form?.preview?.problems[index(.chairs)] != nil)
        return state
    }

    /// Their clinic.json reaches the screen (as the watch's check posts it).
    func arrives(_ state: inout AppState, _ theirs: ClinicFile) {
        _ = Reducer.reduce(&state, .summariesLoaded(SummarySnapshot(clinic: theirs, summaries: state.summaries, problems: [])))
        #expect(state.clinic == theirs)
    }

    func fixChairs(_ state: inout AppState, _ n: Int) {
        press(&state, [.ctrl("u")])
        type(&state, String(n))
    }

    @Test func theirOtherSettingsAreNotPutBackByMySave() throws {
        var state = openedWithRefusedChairs()
        let opened = demoClinicFile()
        var theirs = opened
        theirs.settings.remsCertified.toggle()
        theirs.name = "Riverside East"
        arrives(&state, theirs)
        let form = try #require(state.form)
        #expect(form[.chairs].value == "0", "the input stays as typed")
        let error = try #require(form.error)
        #expect(error.contains("changed by someone else") && error.contains("REMS certified from") && error.contains("name from"), "\(error)")

        fixChairs(&state, 5)
        let effects = press(&state, [.enter])
        guard case .saveClinic(let change, let basedOn, _) = effects.first else { Issue.record("not saved: \(effects), \(state.form?.error ?? "")"); return }
        #expect(change == { var c = ClinicChange(); c.chairsPerDay = 5; return c }(), "only the chairs: their REMS and name are not put back")
        #expect(basedOn == opened)
        // What the store then holds: theirs, with my chairs.
        let saved = try change.applied(to: theirs).clinic
        #expect(saved.name == "Riverside East" && saved.settings.remsCertified == theirs.settings.remsCertified && saved.calendar.chairsPerDay == 5)
    }

    /// A form kept when the program was stopped, reopened after a colleague's change: it
    /// still saves only what was typed.
    @Test func aKeptDraftSavesOnlyWhatWasTypedOverTheirVersion() throws {
        var state = makeState(width: 100, height: 30)
        press(&state, [.char("C")] + Array(repeating: Key.tab, count: index(.chairs)))
        fixChairs(&state, 5)
        let draft = try JSONDecoder().decode(FormDraft.self, from: JSONEncoder().encode(try #require(state.form?.draft)))
        #expect(draft.basedOn == demoClinicFile())

        var theirs = demoClinicFile()
        theirs.settings.remsCertified.toggle()
        var restarted = makeState(width: 100, height: 30)
        arrives(&restarted, theirs)
        _ = Reducer.reduce(&restarted, .recoveryFound(draft, savedAt: "-"))
        press(&restarted, [.char("y")])
        #expect(restarted.form?.kind == .clinicSettings && restarted.form?[.chairs].value == "5")
        let effects = press(&restarted, [.enter])
        guard case .saveClinic(let change, let basedOn, _) = effects.first else { Issue.record("not saved: \(effects), \(restarted.form?.error ?? "")"); return }
        #expect(change == { var c = ClinicChange(); c.chairsPerDay = 5; return c }(), "their REMS is not put back")
        #expect(basedOn == demoClinicFile())
    }

    @Test func aFormTypedBackToWhatItWasStartsFromTheirVersion() throws {
        var state = openedWithRefusedChairs()
        fixChairs(&state, demoClinicFile().calendar.chairsPerDay)
        #expect(state.form?.dirty == true)
        var theirs = demoClinicFile()
        theirs.calendar.chairsPerDay += 2
        arrives(&state, theirs)
        #expect(state.form?[.chairs].value == String(theirs.calendar.chairsPerDay) && state.form?.basedOn == theirs)
        #expect(state.message?.text.contains("the form now starts from their version") == true)
    }

    @Test func theSameSettingChangedByThemIsRefusedUpFrontAndSavesFromTheirVersion() throws {
        var state = openedWithRefusedChairs()
        var theirs = demoClinicFile()
        theirs.calendar.chairsPerDay = 7
        arrives(&state, theirs)
        fixChairs(&state, 5)
        #expect(press(&state, [.enter]).isEmpty)
        let error = try #require(state.form?.error)
        #expect(error.hasPrefix("Not saved: someone else changed the clinic's settings meanwhile (chairs from \(demoClinicFile().calendar.chairsPerDay) to 7)"), "\(error)")
        #expect(error.hasSuffix("Press Esc, then C, to start from their version"))
        #expect(state.form?[.chairs].value == "5", "the input stays")

        // As the message says: Esc (discarding), C, and the change again over theirs.
        press(&state, [.escape, .char("y"), .char("C")])
        #expect(state.form?[.chairs].value == "7")
        press(&state, Array(repeating: Key.tab, count: index(.chairs)))
        fixChairs(&state, 5)
        let effects = press(&state, [.enter])
        guard case .saveClinic(let change, let basedOn, _) = effects.first else { Issue.record("not saved: \(effects), \(state.form?.error ?? "")"); return }
        #expect(change.chairsPerDay == 5 && basedOn == theirs)
    }
}
